// Valid time (asOf), system time (knownAt), retractions and disputes, units and output formats.
import type { LedgerEvent } from '../../../../events/envelope.js';
import { LC_2017 } from '../lc-2017.rulebook.js';
import { createEvaluation, evaluate } from './evaluation.js';
import { event, options, registered, retraction, spotCheck, taskIncomplete, UNIT, metric } from './test-events.js';

const LEADS = ['admin-service-centre', 'approval-reform-office', 'economy-it-bureau', 'gov-office', 'letters-visits-bureau'];

function score(id: string, events: LedgerEvent[], extra: { asOf?: string; knownAt?: string } = {}): number {
  return evaluate([registered(), ...events], options({ unitId: UNIT, ...extra })).units[0].indicators[id].score;
}

describe('output shape and formats', () => {
  it('echoes asOf and knownAt in +08:00 with milliseconds, whatever offset they were given in', () => {
    const doc = evaluate([], options({ asOf: '2017-11-30T16:00:00Z', knownAt: '2017-12-01T00:00:00+08:00' }));
    expect(doc.rulebook).toBe('lc-2017');
    expect(doc.asOf).toBe('2017-12-01T00:00:00.000+08:00');
    expect(doc.knownAt).toBe('2017-12-01T00:00:00.000+08:00');
  });

  it('lists the lead units always and registered units, sorted by id, with every indicator in rulebook order', () => {
    const doc = evaluate([registered('zz-street'), registered('hi-tech-zone'), registered(UNIT)], options());
    expect(doc.units.map((u) => u.unitId)).toEqual([...LEADS, UNIT, 'hi-tech-zone', 'zz-street'].sort());
    for (const unit of doc.units) {
      expect(Object.keys(unit.indicators)).toEqual(LC_2017.indicators.map((i) => i.id));
      expect(Object.keys(unit.parts)).toEqual(['1', '2', '3', '4', '5', '6']);
    }
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('says whether anything was known at knownAt (the API and the CLI list no unit when nothing was)', () => {
    const evaluation = createEvaluation(options({ knownAt: '2017-12-01T00:00:00+08:00' }));
    evaluation.add({ ...registered(), recordedAt: '2018-01-05T09:00:00+08:00' });
    expect(evaluation.anythingKnown()).toBe(false);
    evaluation.add(registered('early-street'));
    expect(evaluation.anythingKnown()).toBe(true);
  });

  it('filters to one unit, and to none for an unknown unit', () => {
    expect(evaluate([registered()], options({ unitId: UNIT })).units.map((u) => u.unitId)).toEqual([UNIT]);
    expect(evaluate([registered()], options({ unitId: 'gov-office' })).units.map((u) => u.unitId)).toEqual(['gov-office']);
    expect(evaluate([registered()], options({ unitId: 'nobody' })).units).toEqual([]);
  });

  it('ignores findings about units nobody registered', () => {
    const doc = evaluate([spotCheck('6.1', 'fail', undefined, 'ghost-street')], options());
    expect(doc.units.map((u) => u.unitId)).toEqual(LEADS);
  });

  it('every trace entry is rendered in zh and en', () => {
    const doc = evaluate([registered(), spotCheck('3.5', 'fail'), metric('5.1', 97, 100)], options({ unitId: UNIT }));
    const entries = Object.values(doc.units[0].indicators).flatMap((i) => i.trace);
    expect(entries.length).toBeGreaterThan(3);
    for (const entry of entries) {
      expect(entry.zh).not.toMatch(/\{\w+\}/);
      expect(entry.en).not.toMatch(/\{\w+\}/);
      expect(entry.rule).toBe(entry.en);
    }
  });
});

describe('valid time and system time', () => {
  const check = spotCheck('3.5', 'fail', '2017-10-05T09:30:00+08:00', UNIT, { recordedAt: '2017-10-06T11:02:13.120+08:00' });

  it('counts facts that occurred at or before asOf', () => {
    expect(score('3.5', [check], { asOf: '2017-10-05T09:29:59.999+08:00' })).toBe(10);
    expect(score('3.5', [check], { asOf: '2017-10-05T09:30:00+08:00' })).toBe(8);
    expect(score('3.5', [check], { asOf: '2017-10-05T01:30:00Z' })).toBe(8);
  });

  it('knows only events recorded at or before knownAt', () => {
    expect(score('3.5', [check], { knownAt: '2017-10-06T11:02:13.119+08:00' })).toBe(10);
    expect(score('3.5', [check], { knownAt: '2017-10-06T11:02:13.120+08:00' })).toBe(8);
  });

  it('a unit registered after knownAt is not listed', () => {
    const late = registered('late-street', '2017-03-01T00:00:00+08:00');
    const doc = evaluate([{ ...late, recordedAt: '2017-12-20T00:00:00+08:00' }], options({ knownAt: '2017-12-01T00:00:00+08:00' }));
    expect(doc.units.map((u) => u.unitId)).toEqual(LEADS);
  });
});

describe('retractions and disputes', () => {
  const finding = taskIncomplete('1.1', 'T1', '2017-10-01T10:00:00+08:00');

  it('a retraction takes effect from its own occurredAt and leaves a zero-point trace entry', () => {
    const retract = retraction(finding, '2017-11-01T10:00:00+08:00');
    expect(score('1.1', [finding, retract], { asOf: '2017-10-31T23:59:59.999+08:00' })).toBe(40);
    expect(score('1.1', [finding, retract])).toBe(60);
    const trace = evaluate([registered(), finding, retract], options({ unitId: UNIT })).units[0].indicators['1.1'].trace;
    expect(trace).toEqual([expect.objectContaining({ points: 0, messageKey: 'finding.retracted', eventIds: [finding.eventId, retract.eventId] })]);
  });

  it('a retraction not yet known does not apply', () => {
    const retract = retraction(finding, '2017-11-01T10:00:00+08:00', { recordedAt: '2017-12-10T00:00:00+08:00' });
    expect(score('1.1', [finding, retract], { knownAt: '2017-12-09T00:00:00+08:00' })).toBe(40);
    expect(score('1.1', [finding, retract], { knownAt: '2017-12-10T00:00:00+08:00' })).toBe(60);
  });

  it('an overturned dispute retracts every finding it names, from the resolution', () => {
    const a = spotCheck('6.1', 'fail');
    const b = spotCheck('6.2', 'fail');
    const c = spotCheck('6.2', 'fail');
    const filed = event('DisputeFiled', '2017-10-20T10:00:00+08:00', { unitId: UNIT, disputeId: 'D-1', findingEventIds: [a.eventId, b.eventId], grounds: 'wrong' });
    const resolved = event('DisputeResolved', '2017-11-15T10:00:00+08:00', { unitId: UNIT, disputeId: 'D-1', decision: 'overturned', note: '' });
    const parts = (asOf?: string) => {
      const unit = evaluate([registered(), a, b, c, filed, resolved], options({ unitId: UNIT, ...(asOf ? { asOf } : {}) })).units[0];
      return [unit.indicators['6.1'].score, unit.indicators['6.2'].score];
    };
    expect(parts('2017-11-15T09:59:59.999+08:00')).toEqual([19.5, 29]);
    expect(parts()).toEqual([20, 29.5]);
  });

  it('an upheld dispute, or one resolved for another dispute id, changes nothing', () => {
    const a = spotCheck('6.1', 'fail');
    const filed = event('DisputeFiled', '2017-10-20T10:00:00+08:00', { unitId: UNIT, disputeId: 'D-1', findingEventIds: [a.eventId], grounds: 'wrong' });
    const upheld = event('DisputeResolved', '2017-11-15T10:00:00+08:00', { unitId: UNIT, disputeId: 'D-1', decision: 'upheld', note: '' });
    const other = event('DisputeResolved', '2017-11-15T10:00:00+08:00', { unitId: UNIT, disputeId: 'D-2', decision: 'overturned', note: '' });
    expect(score('6.1', [a, filed, upheld, other])).toBe(19.5);
  });

  it('retracting the latest measurement brings back the one before (I-LATEST)', () => {
    const first = metric('5.2', 90, 100, '2017-10-01T00:00:00+08:00');
    const second = metric('5.2', 80, 100, '2017-11-01T00:00:00+08:00');
    expect(score('5.2', [first, second, retraction(second, '2017-11-02T00:00:00+08:00')])).toBe(30);
  });

  it('retracting an outage repair leaves the outage open', () => {
    const started = event('OutageStarted', '2017-10-02T08:00:00+08:00', { unitId: UNIT, outageId: 'o', system: 's' });
    const repaired = event('OutageRepaired', '2017-10-02T09:00:00+08:00', { unitId: UNIT, outageId: 'o' });
    const doc = evaluate([registered(), started, repaired, retraction(repaired, '2017-10-03T00:00:00+08:00')], options({ unitId: UNIT }));
    expect(doc.units[0].indicators['4.3']).toMatchObject({ score: 16, status: 'ongoing' });
  });
});
