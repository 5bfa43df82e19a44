// The step functions against the evaluator itself: at every step's start, a millisecond before it and at random
// instants, a unit's step gives exactly the overall and parts of a full evaluation at that asOf.
import type { LedgerEvent } from '../../events/index.js';
import { BEFORE_ALL_MS, createUnitScoreSteps, evaluate, formatInstant, getRulebook, stepAt, type ScoreStep } from '../../libs/rulebook/src/index.js';
import { generateLedger } from '../testing/ledger-generator.js';
import { KNOWN_AT_ALL } from '../unit-scores/unit-scores.evolve.js';
import { scenario } from '../testing/scenario.js';

const rulebook = getRulebook('lc-2017');
const YEAR_START = Date.parse('2016-12-01T00:00:00Z');
const YEAR_END = Date.parse('2018-02-01T00:00:00Z');

function stepsByUnit(events: readonly LedgerEvent[], unitIds: string[]): Map<string, ScoreStep[]> {
  const out = new Map<string, ScoreStep[]>();
  for (const unitId of unitIds) {
    const steps = createUnitScoreSteps(rulebook, unitId);
    for (const e of events) if ((e.data as { unitId?: string }).unitId === unitId) steps.add(e);
    // Adding everything again (and in reverse) changes nothing: the fold is by eventId.
    for (const e of [...events].reverse()) if ((e.data as { unitId?: string }).unitId === unitId) steps.add(e);
    expect(steps.assessed()).toBe(true);
    out.set(unitId, steps.steps());
  }
  return out;
}

function expectSameAsEvaluator(events: readonly LedgerEvent[], steps: Map<string, ScoreStep[]>, instants: number[]): void {
  for (const at of instants) {
    const asOf = formatInstant(at, rulebook.utcOffsetMinutes);
    const doc = evaluate(events, { rulebook, asOf, knownAt: KNOWN_AT_ALL });
    for (const [unitId, unitSteps] of steps) {
      const expected = doc.units.find((u) => u.unitId === unitId);
      const step = stepAt(unitSteps, at);
      expect({ unitId, asOf, overall: step.overall, parts: step.parts }).toEqual({ unitId, asOf, overall: expected?.overall, parts: expected?.parts });
    }
  }
}

function instantsAround(steps: Map<string, ScoreStep[]>, random: () => number, count: number): number[] {
  const at = new Set<number>();
  for (const list of steps.values()) for (const s of list) if (s.fromMs > BEFORE_ALL_MS) [s.fromMs, s.fromMs - 1].forEach((t) => at.add(t));
  for (let i = 0; i < count; i += 1) at.add(YEAR_START + Math.floor(random() * (YEAR_END - YEAR_START)));
  return [...at];
}

describe('score step functions of valid time', () => {
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

  it('equal the evaluator on the hand-written scenario (outage tiers, a batch, an overturned dispute, a retraction)', () => {
    const events = scenario().events.map((e, i) => ({ ...e, recordedAt: '2018-01-01T00:00:00Z', position: i + 1 })) as unknown as LedgerEvent[];
    const steps = stepsByUnit(events, ['haibin-street', 'kaiyuan-street', 'admin-service-centre']);
    expect((steps.get('haibin-street') as ScoreStep[]).length).toBeGreaterThan(3);
    expectSameAsEvaluator(events, steps, instantsAround(steps, random, 50));
  });

  it('equal the evaluator on a generated ledger at every step, just before it, and at random instants', () => {
    const events = [...generateLedger({ events: 2000, units: 6, seed: 5 })] as unknown as LedgerEvent[];
    const unitIds = Array.from({ length: 6 }, (_, i) => `unit-${String(i).padStart(4, '0')}`);
    const steps = stepsByUnit(events, unitIds);
    const all = instantsAround(steps, random, 60);
    // Every step boundary of one unit is checked against all units; a sample keeps the test quick.
    const sample = all.filter(() => random() < 0.12);
    expectSameAsEvaluator(events, steps, sample);
  });

  it('consecutive steps differ, and the first starts before everything', () => {
    const events = [...generateLedger({ events: 800, units: 3, seed: 9 })] as unknown as LedgerEvent[];
    const steps = stepsByUnit(events, ['unit-0000', 'unit-0001', 'unit-0002']);
    for (const list of steps.values()) {
      expect(list[0].fromMs).toBe(BEFORE_ALL_MS);
      for (let i = 1; i < list.length; i += 1) {
        expect(list[i].fromMs).toBeGreaterThan(list[i - 1].fromMs);
        expect([list[i].overall, list[i].parts]).not.toEqual([list[i - 1].overall, list[i - 1].parts]);
      }
    }
  });

  it('kept up event by event, in log order or shuffled, equal the steps computed at once', () => {
    const events = [...generateLedger({ events: 1200, units: 3, seed: 21 })] as unknown as LedgerEvent[];
    for (const unitId of ['unit-0000', 'unit-0001']) {
      const mine = events.filter((e) => (e.data as { unitId?: string }).unitId === unitId);
      const shuffled = [...mine].sort(() => random() - 0.5);
      for (const order of [mine, shuffled]) {
        const incremental = createUnitScoreSteps(rulebook, unitId);
        const seen: LedgerEvent[] = [];
        order.forEach((e, i) => {
          incremental.add(e);
          seen.push(e);
          if (i % 7 === 0 || i === order.length - 1) {
            const once = createUnitScoreSteps(rulebook, unitId);
            for (const s of seen) once.add(s);
            expect(incremental.steps()).toEqual(once.steps());
          }
        });
      }
    }
  });
});
