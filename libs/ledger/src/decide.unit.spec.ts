import { streamsToLoad, toStreamAppends } from './decide.js';
import { initialLedgerState } from './ledger-state.js';
import { centre, event, gov, letters, measured, opened, registered, spotCheck, uuid } from './testing/events.builders.js';
import { given, refusals, run } from './testing/decide.harness.js';
import { TEST_RULEBOOK } from './testing/test-rulebook.js';

describe('decide: accepted batches', () => {
  it('turns a finding into an append to its unit\'s stream, stamped with the actor', () => {
    const check = spotCheck('haibin-street');
    const result = run(centre, [check], given([[gov, registered('haibin-street')]]));
    expect(result.ok && result.appends).toEqual([
      {
        eventId: check.eventId,
        type: 'SpotCheckRecorded',
        schemaVersion: 1,
        occurredAt: check.occurredAt,
        actor: centre,
        evidence: check.evidence,
        data: check.data,
        unitId: 'haibin-street',
        streamId: 'unit-haibin-street',
      },
    ]);
    expect(result.ok && result.retries).toEqual([]);
  });

  it('lets later events of a batch see earlier ones: open, register, then a finding about the new unit', () => {
    const batch = [opened(), registered('haibin-street'), registered('hi-tech-zone', 'hi-tech-zone'), event('TaskIncompleteFound', { unitId: 'haibin-street', indicator: '1.1', taskRef: '泉政〔2017〕3号 任务 4', note: '' })];
    const result = run(gov, batch);
    expect(refusals(result)).toEqual([]);
    expect(result.ok && result.appends.map((a) => a.streamId)).toEqual([
      'assessment-lc-2017-assessment',
      'unit-haibin-street',
      'unit-hi-tech-zone',
      'unit-haibin-street',
    ]);
    expect(result.ok && result.appends[0]!.unitId).toBeNull();
  });

  it('treats lead units as registered without a UnitRegistered event', () => {
    expect(run(letters, [measured('admin-service-centre', '5.2', 90, 100)]).ok).toBe(true);
  });

  it('reports every problem of every event, each with its index, field and code', () => {
    const result = run(letters, [measured('nowhere', '5.2', 5, 4), measured('gov-office', '9.9', 1, 1)]);
    expect(refusals(result)).toEqual([
      [0, 'data.unitId', 'UNIT_NOT_REGISTERED'],
      [0, 'data.numerator', 'NUMERATOR_EXCEEDS_DENOMINATOR'],
      [1, 'data.indicator', 'UNKNOWN_INDICATOR'],
    ]);
    expect(!result.ok && result.problems[1]!.reason).toBe('must not exceed the denominator (5 > 4)');
  });

  it('leaves the caller\'s state unchanged, whether the batch is accepted or refused', () => {
    const state = initialLedgerState(TEST_RULEBOOK);
    expect(run(gov, [registered('haibin-street')], state).ok).toBe(true);
    expect(run(gov, [registered('xinhua-street'), registered('xinhua-street')], state).ok).toBe(false);
    expect(state.registeredUnits.has('haibin-street')).toBe(false);
    expect(state.registeredUnits.has('xinhua-street')).toBe(false);
    expect(state.events.has(uuid(1))).toBe(false);
  });

  it('passes a retry of a known event id through unchecked, for the store to make idempotent', () => {
    const register = registered('haibin-street');
    const state = given([[gov, register]]);
    const result = run(gov, [register], state);
    expect(result.ok && result.retries).toEqual([register.eventId]);
    expect(result.ok && result.appends.map((a) => a.eventId)).toEqual([register.eventId]);
  });

  it('accepts a fact recorded after it happened, within a little clock skew', () => {
    const state = given([[gov, registered('haibin-street')]]);
    const at = '2017-10-05T09:30:00+08:00';
    expect(run(centre, [spotCheck('haibin-street', '3.5', at)], state, TEST_RULEBOOK, '2017-10-05T01:28:00Z').ok).toBe(true);
  });

  it('accepts occurredAt at the first and the last instant of the year, in any offset', () => {
    const state = given([[gov, registered('haibin-street')]]);
    expect(run(centre, [spotCheck('haibin-street', '3.5', '2016-12-31T16:00:00Z')], state).ok).toBe(true);
    expect(run(centre, [spotCheck('haibin-street', '3.5', '2017-12-31T23:59:59.999+08:00')], state).ok).toBe(true);
  });

  it('accepts ResultsPublished after the year, from the government office, for an opened assessment', () => {
    const state = given([[gov, opened()]]);
    const published = event('ResultsPublished', {
      assessmentId: 'lc-2017-assessment',
      asOf: '2017-12-31T23:59:59.999+08:00',
      knownAt: '2018-01-05T00:00:00+08:00',
      ledgerPosition: 42,
      ledgerHash: 'a'.repeat(64),
      scoresSha256: 'b'.repeat(64),
    }, '2018-01-05T10:00:00+08:00');
    const result = run(gov, [published], state);
    expect(result.ok && result.appends[0]!.streamId).toBe('assessment-lc-2017-assessment');
  });
});

describe('toStreamAppends and streamsToLoad', () => {
  it('groups decided events by stream in order of first appearance', () => {
    const batch = [registered('a-street'), registered('b-street'), spotCheck('a-street')];
    const first = run(gov, batch.slice(0, 2));
    const second = run(centre, [batch[2]!], given([[gov, batch[0]!]]));
    if (!first.ok || !second.ok) throw new Error('setup refused');
    const appends = [...first.appends, ...second.appends];
    const grouped = toStreamAppends(appends, (s) => (s === 'unit-b-street' ? 'no_stream' : 'any'));
    expect(grouped.map((g) => [g.streamId, g.expectedRevision, g.events.length])).toEqual([
      ['unit-a-street', 'any', 2],
      ['unit-b-street', 'no_stream', 1],
    ]);
    expect(grouped[0]!.events[0]).not.toHaveProperty('streamId');
  });

  it('names the unit and assessment streams a batch needs', () => {
    expect(streamsToLoad([opened(), registered('a-street'), spotCheck('a-street'), spotCheck('b-street')])).toEqual([
      'assessment-lc-2017-assessment',
      'unit-a-street',
      'unit-b-street',
    ]);
  });
});
