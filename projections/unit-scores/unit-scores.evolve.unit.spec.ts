import type { StoredEvent } from '../../events/index.js';
import { evaluate, getRulebook } from '../../libs/rulebook/src/index.js';
import { foldUnitEvent, KNOWN_AT_ALL, startUnitFold, unitScoreRow } from './unit-scores.evolve.js';

const rulebook = getRulebook('lc-2017');
let position = 0;
const stored = (type: string, data: Record<string, unknown>, occurredAt: string, actor = 'admin-service-centre'): StoredEvent => ({
  eventId: `00000000-0000-4000-8000-${String(++position).padStart(12, '0')}`,
  type,
  schemaVersion: 1,
  occurredAt,
  recordedAt: '2017-12-31T00:00:00.000Z',
  actor: { unitId: actor, userId: 'u' },
  evidence: [{ kind: 'system-record', ref: 'r' }],
  data,
  position,
  streamId: 'unit-haibin-street',
  streamRevision: position - 1,
  hash: '0'.repeat(64),
  prevHash: '0'.repeat(64),
});

describe('unit scores evolve', () => {
  const events = [
    stored('UnitRegistered', { unitId: 'haibin-street', name: '海滨街道', kind: 'street' }, '2017-01-02T09:00:00+08:00', 'gov-office'),
    stored('SpotCheckRecorded', { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail', subject: 's', note: 'n' }, '2017-10-05T09:30:00+08:00'),
    stored('MetricMeasured', { unitId: 'haibin-street', indicator: '3.2', numerator: 80, denominator: 100 }, '2017-11-30T10:00:00+08:00'),
  ];

  it('gives the evaluator\'s year-end scores with the registered name and the last position', () => {
    const fold = startUnitFold(rulebook, 'haibin-street');
    for (const e of events) foldUnitEvent(fold, e);
    const expected = evaluate(events, { rulebook, asOf: rulebook.year.to, knownAt: KNOWN_AT_ALL }).units.find((u) => u.unitId === 'haibin-street');
    const row = unitScoreRow(rulebook, fold);
    expect(row).toMatchObject({ unitId: 'haibin-street', name: '海滨街道', kind: 'street', overall: expected?.overall, parts: expected?.parts, asOfPosition: events[2].position });
    expect(row?.indicators.map((i) => i.indicator)).toEqual(rulebook.indicators.map((d) => d.id));
  });

  it('the same event twice changes nothing', () => {
    const once = startUnitFold(rulebook, 'haibin-street');
    const twice = startUnitFold(rulebook, 'haibin-street');
    for (const e of events) foldUnitEvent(once, e);
    for (const e of [...events, ...events, events[1]]) foldUnitEvent(twice, e);
    expect(unitScoreRow(rulebook, twice)).toEqual(unitScoreRow(rulebook, once));
  });

  it('scores a lead unit without any event, and no row for a unit that was never registered', () => {
    expect(unitScoreRow(rulebook, startUnitFold(rulebook, 'gov-office'))).toMatchObject({ name: '区政府办', kind: 'department', asOfPosition: 0 });
    expect(unitScoreRow(rulebook, startUnitFold(rulebook, 'nobody'))).toBeNull();
  });
});
