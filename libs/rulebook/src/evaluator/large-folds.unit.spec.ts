// Large folds give the right answers: one unit with 10,000 events, and many units streamed one event at a time.
// How fast they run is measured by the benchmark (test/bench/evaluator.bench.ts, "evaluator, one unit with 10,000
// events"), not here: the house rules keep timing out of unit tests.
import type { LedgerEvent } from '../../../../events/envelope.js';
import { formatInstant, parseInstant } from '../instant.js';
import { createEvaluation, evaluate } from './evaluation.js';
import { options } from './test-events.js';

const START = parseInstant('2017-01-01T00:00:00+08:00');
const RATES = ['2.2', '3.2', '3.3', '3.4', '3.6a', '3.6b', '3.9a', '3.9b', '3.9c', '3.10a', '3.10b', '5.1', '5.2', '6.3'];

function syntheticEvents(count: number, unitFor: (i: number) => string): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (let i = 0; i < count; i++) {
    const unitId = unitFor(i);
    const at = formatInstant(START + (i * 7919 * 60_000) % (364 * 86_400_000), i % 2 ? 480 : 0);
    const kind = i % 6;
    const j = Math.floor(i / 6);
    const data: Record<string, unknown> =
      kind === 0 ? { unitId, indicator: RATES[j % RATES.length], numerator: j % 101, denominator: 100 }
      : kind === 1 ? { unitId, indicator: ['3.5', '3.7a', '6.1', '6.2'][j % 4], outcome: j % 3 ? 'pass' : 'fail', subject: `case ${i}`, note: '' }
      : kind === 2 ? { unitId, outageId: `o${i >> 1}`, system: 's' }
      : kind === 3 ? { unitId, outageId: `o${(i - 1) >> 1}` }
      : kind === 4 ? { unitId, indicator: ['4.1', '4.2', '4.4', '3.7b'][j % 4], met: j % 5 !== 0, note: '' }
      : { unitId, street: `street ${j % 9}` };
    const type = ['MetricMeasured', 'SpotCheckRecorded', 'OutageStarted', 'OutageRepaired', 'CriterionAssessed', 'StreetNotOnboarded'][kind];
    events.push({
      eventId: `20000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      type, schemaVersion: 1, occurredAt: at, recordedAt: at, actor: { unitId: 'gov-office', userId: 't' }, evidence: [], data,
    });
  }
  return events;
}

describe('the evaluator on large folds', () => {
  it('evaluates one unit with 10,000 events, the same twice over', () => {
    const events = syntheticEvents(10_000, () => 'gov-office');
    const first = evaluate(events, options({ unitId: 'gov-office' }));
    expect(first.units).toHaveLength(1);
    expect(first.units[0].indicators['6.1'].score).toBe(0);
    expect(evaluate(events, options({ unitId: 'gov-office' }))).toEqual(first);
  });

  it('folds events of many units one at a time', () => {
    const units = Array.from({ length: 500 }, (_, i) => `street-${i}`);
    const evaluation = createEvaluation(options());
    for (const unitId of units) {
      evaluation.add({ eventId: `30000000-0000-4000-8000-${units.indexOf(unitId).toString(16).padStart(12, '0')}`, type: 'UnitRegistered', schemaVersion: 1, occurredAt: '2017-01-02T00:00:00+08:00', recordedAt: '2017-01-02T00:00:00+08:00', actor: { unitId: 'gov-office', userId: 't' }, evidence: [], data: { unitId, name: unitId, kind: 'street' } });
    }
    const events = syntheticEvents(100_000, (i) => units[i % units.length]);
    for (const event of events) evaluation.add(event);
    const doc = evaluation.result();
    expect(doc.units).toHaveLength(505);
    expect(doc.units.find((u) => u.unitId === 'street-7')?.indicators['3.1'].trace.length).toBeGreaterThan(0);
  });
});
