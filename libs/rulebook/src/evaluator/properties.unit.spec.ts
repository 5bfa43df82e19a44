// Properties of the evaluator over random ledgers (fast-check).
import fc from 'fast-check';
import type { LedgerEvent } from '../../../../events/envelope.js';
import { formatInstant, parseInstant } from '../instant.js';
import { LC_2017 } from '../lc-2017.rulebook.js';
import { div, eq, ge, le, parseRational, rat, sub, sum, ZERO } from '../rational.js';
import { createEvaluation, evaluate, type EvaluateOptions } from './evaluation.js';
import type { ScoresDocument } from './scores.types.js';
import { END_OF_YEAR, KNOWN_LATER } from './test-events.js';

const UNITS = ['haibin-street', 'gov-office'];
const RATE_IDS = LC_2017.indicators.filter((i) => i.feeds.includes('MetricMeasured')).map((i) => i.id);
const CRITERION_IDS = LC_2017.indicators.filter((i) => i.feeds.includes('CriterionAssessed')).map((i) => i.id);
const ALL_IDS = LC_2017.indicators.map((i) => i.id);
const YEAR_FROM = parseInstant('2017-01-01T00:00:00+08:00');
const YEAR_TO = parseInstant(END_OF_YEAR);

const arbInstant = fc.tuple(fc.integer({ min: YEAR_FROM, max: YEAR_TO }), fc.constantFrom(0, 480));

type Draft = { type: string; data: Record<string, unknown> };
const arbUnit = fc.constantFrom(...UNITS);

const arbFinding: fc.Arbitrary<Draft> = fc.oneof(
  fc.record({ unitId: arbUnit, indicator: fc.constantFrom('1.1', '1.2'), taskRef: fc.constantFrom('T1', 'T2', 'T3') }).map((d) => ({ type: 'TaskIncompleteFound', data: { ...d, note: '' } })),
  fc.record({ unitId: arbUnit, indicator: fc.constantFrom('3.5', '3.7a', '6.1', '6.2'), outcome: fc.constantFrom('pass', 'fail') }).map((d) => ({ type: 'SpotCheckRecorded', data: { ...d, subject: 's', note: '' } })),
  fc.record({ unitId: arbUnit, street: fc.constantFrom('A', 'B', 'C') }).map((d) => ({ type: 'StreetNotOnboarded', data: d })),
  fc.record({ unitId: arbUnit, faultRef: fc.constantFrom('F1', 'F2') }).map((d) => ({ type: 'FrontEndFaultRecorded', data: { ...d, note: '' } })),
  fc.record({ unitId: arbUnit, outageId: fc.constantFrom('o1', 'o2', 'o3') }).map((d) => ({ type: 'OutageStarted', data: { ...d, system: 'x' } })),
);

const arbDraft: fc.Arbitrary<Draft> = fc.oneof(
  { weight: 4, arbitrary: arbFinding },
  { weight: 1, arbitrary: fc.record({ unitId: arbUnit, outageId: fc.constantFrom('o1', 'o2', 'o3') }).map((d) => ({ type: 'OutageRepaired', data: d })) },
  {
    weight: 3,
    arbitrary: fc
      .record({ unitId: arbUnit, indicator: fc.constantFrom(...RATE_IDS), denominator: fc.integer({ min: 1, max: 1000 }), fraction: fc.double({ min: 0, max: 1, noNaN: true }) })
      .map(({ fraction, ...d }) => ({ type: 'MetricMeasured', data: { ...d, numerator: Math.floor(fraction * d.denominator) } })),
  },
  { weight: 1, arbitrary: fc.record({ unitId: arbUnit, indicator: fc.constantFrom(...CRITERION_IDS), met: fc.boolean() }).map((d) => ({ type: 'CriterionAssessed', data: { ...d, note: '' } })) },
  { weight: 1, arbitrary: fc.record({ unitId: arbUnit, batch: fc.constantFrom(1, 2, 3) }).map((d) => ({ type: 'ListBatchPublished', data: { ...d, itemCount: 3 } })) },
  { weight: 1, arbitrary: fc.record({ unitId: arbUnit, indicator: fc.constantFrom(...ALL_IDS) }).map((d) => ({ type: 'IndicatorNotApplicable', data: { ...d, reason: 'n/a' } })) },
  { weight: 1, arbitrary: fc.record({ unitId: arbUnit, target: fc.nat() }).map((d) => ({ type: 'FindingRetracted', data: d })) },
  { weight: 1, arbitrary: fc.record({ unitId: arbUnit, targets: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), overturned: fc.boolean() }).map((d) => ({ type: 'Dispute', data: d })) },
);

let idCounter = 0;
const freshId = (): string => `10000000-0000-4000-8000-${(++idCounter).toString(16).padStart(12, '0')}`;

function build(draft: Draft, occurred: [number, number], delayMs: number, previous: LedgerEvent[]): LedgerEvent[] {
  const occurredAt = formatInstant(occurred[0], occurred[1]);
  const recordedAt = formatInstant(occurred[0] + delayMs, 480);
  const make = (type: string, data: Record<string, unknown>): LedgerEvent => ({
    eventId: freshId(), type, schemaVersion: 1, occurredAt, recordedAt, actor: { unitId: 'gov-office', userId: 't' }, evidence: [], data,
  });
  const findings = previous.filter((e) => !['FindingRetracted', 'DisputeFiled', 'DisputeResolved', 'UnitRegistered'].includes(e.type));
  if (draft.type === 'FindingRetracted') {
    if (findings.length === 0) return [];
    const target = findings[(draft.data.target as number) % findings.length];
    return [make('FindingRetracted', { unitId: (target.data as { unitId: string }).unitId, findingEventId: target.eventId, reason: 'r' })];
  }
  if (draft.type === 'Dispute') {
    if (findings.length === 0) return [];
    const ids = (draft.data.targets as number[]).map((t) => findings[t % findings.length].eventId);
    const disputeId = `D-${idCounter}`;
    const unitId = draft.data.unitId as string;
    return [
      make('DisputeFiled', { unitId, disputeId, findingEventIds: ids, grounds: 'g' }),
      make('DisputeResolved', { unitId, disputeId, decision: draft.data.overturned ? 'overturned' : 'upheld', note: '' }),
    ];
  }
  return [make(draft.type, draft.data)];
}

const arbLedger: fc.Arbitrary<LedgerEvent[]> = fc
  .array(fc.tuple(arbDraft, arbInstant, fc.integer({ min: 0, max: 30 * 86_400_000 })), { maxLength: 40 })
  .map((drafts) => {
    const events: LedgerEvent[] = [
      { eventId: freshId(), type: 'UnitRegistered', schemaVersion: 1, occurredAt: '2017-01-02T09:00:00+08:00', recordedAt: '2017-01-02T09:00:00+08:00', actor: { unitId: 'gov-office', userId: 't' }, evidence: [], data: { unitId: 'haibin-street', name: 'h', kind: 'street' } },
    ];
    for (const [draft, occurred, delay] of drafts) events.push(...build(draft, occurred, delay, events));
    return events;
  });

const arbTime = arbInstant.map(([ms, offset]) => formatInstant(ms, offset));
const opts = (extra: Partial<EvaluateOptions> = {}): EvaluateOptions => ({ rulebook: LC_2017, asOf: END_OF_YEAR, knownAt: KNOWN_LATER, ...extra });

/** Scores and statuses only: what a retraction must restore (its own trace entry may stay). */
const scoresOnly = (doc: ScoresDocument) =>
  doc.units.map((u) => ({ unitId: u.unitId, overall: u.overall, parts: u.parts, indicators: Object.fromEntries(Object.entries(u.indicators).map(([k, v]) => [k, [v.score, v.status]])) }));

describe('evaluator properties', () => {
  it('every indicator within [0, max] (penalties ≤ 0), every part within [0, 100], overall = mean of parts', () => {
    fc.assert(
      fc.property(arbLedger, arbTime, (events, asOf) => {
        const evaluation = createEvaluation(opts({ asOf }));
        events.forEach((e) => evaluation.add(e));
        for (const unit of evaluation.exactUnits()) {
          for (const s of unit.indicators) {
            if (s.indicator.def.kind === 'penalty') expect(le(s.score, ZERO)).toBe(true);
            else expect(ge(s.score, ZERO) && le(s.score, s.indicator.max)).toBe(true);
          }
          const parts = Object.values(unit.parts);
          for (const p of parts) expect(ge(p, ZERO) && le(p, rat(100))).toBe(true);
          expect(eq(unit.overall, div(sum(parts), rat(6)))).toBe(true);
        }
      }),
    );
  });

  it('the trace sums to score − max (deduction, penalty) or to score (earned), exactly', () => {
    fc.assert(
      fc.property(arbLedger, arbTime, (events, asOf) => {
        const evaluation = createEvaluation(opts({ asOf }));
        events.forEach((e) => evaluation.add(e));
        const exact = evaluation.exactUnits();
        const doc = evaluation.result();
        doc.units.forEach((unit, u) => {
          for (const scored of exact[u].indicators) {
            const def = scored.indicator.def;
            const result = unit.indicators[def.id];
            const traced = sum(result.trace.map((t) => parseRational(t.pointsExact)));
            const expected = def.kind === 'earned' ? scored.score : sub(scored.score, scored.indicator.max);
            expect(eq(traced, expected)).toBe(true);
            // Every point below the maximum is explained by an entry naming events.
            if (def.kind !== 'earned' && !eq(scored.score, scored.indicator.max)) {
              expect(result.trace.some((t) => t.points < 0)).toBe(true);
            }
            if (def.kind === 'earned' && !eq(scored.score, ZERO)) {
              expect(result.trace.every((t) => t.eventIds.length > 0)).toBe(true);
            }
          }
        });
      }),
    );
  });

  it('any permutation of the input gives the same output', () => {
    fc.assert(
      fc.property(arbLedger.chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }))), ([events, shuffled]) => {
        expect(JSON.stringify(evaluate(shuffled, opts()))).toBe(JSON.stringify(evaluate(events, opts())));
      }),
    );
  });

  it('an earlier knownAt never sees a later-recorded event; asOf never sees a later fact', () => {
    fc.assert(
      fc.property(arbLedger, arbTime, (events, knownAt) => {
        const k = parseInstant(knownAt);
        const known = events.filter((e) => parseInstant(e.recordedAt) <= k);
        expect(evaluate(events, opts({ knownAt }))).toEqual(evaluate(known, opts({ knownAt })));
      }),
    );
    fc.assert(
      fc.property(arbLedger, arbTime, (events, asOf) => {
        const t = parseInstant(asOf);
        const timeless = new Set(['UnitRegistered', 'DisputeFiled']);
        const valid = events.filter((e) => timeless.has(e.type) || parseInstant(e.occurredAt) <= t);
        expect(evaluate(events, opts({ asOf }))).toEqual(evaluate(valid, opts({ asOf })));
      }),
    );
  });

  it('a new deduction finding never raises a score; retracting it restores every score', () => {
    fc.assert(
      fc.property(arbLedger, arbFinding, arbInstant, arbTime, (events, draft, occurred, asOf) => {
        const [finding] = build(draft, occurred, 0, events);
        const before = evaluate(events, opts({ asOf }));
        const after = evaluate([...events, finding], opts({ asOf }));
        before.units.forEach((unit, i) => {
          const next = after.units[i];
          expect(next.overall).toBeLessThanOrEqual(unit.overall);
          for (const p of ['1', '2', '3', '4', '5', '6'] as const) expect(next.parts[p]).toBeLessThanOrEqual(unit.parts[p]);
          for (const id of ALL_IDS) expect(next.indicators[id].score).toBeLessThanOrEqual(unit.indicators[id].score);
        });
        const retract: LedgerEvent = { ...finding, eventId: freshId(), type: 'FindingRetracted', data: { unitId: (finding.data as { unitId: string }).unitId, findingEventId: finding.eventId, reason: 'r' } };
        const restored = evaluate([...events, finding, retract], opts({ asOf }));
        expect(scoresOnly(restored)).toEqual(scoresOnly(before));
      }),
    );
  });
});
