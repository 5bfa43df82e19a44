// One unit's overall and part scores as a step function of valid time (asOf), with everything recorded known.
//
// Between two instants where something can change, the evaluator's result is constant in asOf: facts count from their
// occurredAt, a retraction or an overturning resolution from its own occurredAt, a deadline is missed from dueMs + 1
// and an open outage crosses a tier at start + withinMs + 1 (score-indicator.ts: `asOfMs > dueMs`,
// `durationMs <= withinMs`). No other rule reads asOf. So the function is known exactly by scoring at each of those
// instants, and each indicator needs rescoring only at its own instants: a sweep costs Σ (instants × facts) per
// indicator, not per unit. The intake below mirrors evaluation.ts's `addEvent` with asOf and knownAt unbounded; the
// scoring is evaluation.ts's own (scoreIndicator, combineParts), and a test compares both at random instants.
import type { LedgerEvent } from '../../../../events/envelope.js';
import { upcast } from '../../../../events/upcasters.js';
import { parseInstant } from '../instant.js';
import { toOutputNumber, type Rational } from '../rational.js';
import type { PartId, Rulebook } from '../rulebook.types.js';
import { compileRulebook, routeEvent, type CompiledIndicator } from './compiled-rulebook.js';
import { combineParts } from './evaluation.js';
import { compareRefs, notApplicableFact, toFact, type Fact, type FactRef } from './facts.js';
import { scoreIndicator } from './score-indicator.js';

/** The earliest instant a Date can hold: the first step starts here ("before anything"). */
export const BEFORE_ALL_MS = -8_640_000_000_000_000;

export interface ScoreStep {
  /** The step holds for asOf ≥ fromMs up to the next step's fromMs. */
  fromMs: number;
  overall: number;
  parts: Record<PartId, number>;
}

export interface UnitScoreSteps {
  /** Adds one event of the unit (any order; an eventId seen before changes nothing). */
  add(event: LedgerEvent): void;
  /** True when the unit is assessed with everything known: a lead unit, or a UnitRegistered was added. */
  assessed(): boolean;
  /** The steps in valid-time order, consecutive steps always different; the first starts at BEFORE_ALL_MS. */
  steps(): ScoreStep[];
}

const disputeKey = (disputeId: string): string => disputeId;

export function createUnitScoreSteps(rulebook: Rulebook, unitId: string): UnitScoreSteps {
  const compiled = compileRulebook(rulebook);
  const isLead = rulebook.leadUnits.some((u) => u.unitId === unitId);
  let registered = false;
  const facts: Map<string, Fact>[] = compiled.indicators.map(() => new Map());
  const notApplicable: Map<string, Fact>[] = compiled.indicators.map(() => new Map());
  const retractions = new Map<string, FactRef>();
  const disputes = new Map<string, Set<string>>();
  const overturned = new Map<string, FactRef>();

  const keepEarliest = (map: Map<string, FactRef>, key: string, ref: FactRef): void => {
    const current = map.get(key);
    if (!current || compareRefs(ref, current) < 0) map.set(key, ref);
  };

  function add(raw: LedgerEvent): void {
    const event = upcast(raw);
    const recordedMs = parseInstant(event.recordedAt ?? event.occurredAt);
    const data = (event.data ?? {}) as Record<string, unknown>;
    const eventUnit = typeof data.unitId === 'string' ? data.unitId : undefined;
    switch (event.type) {
      case 'UnitRegistered':
        if (eventUnit === unitId) registered = true;
        return;
      case 'DisputeFiled': {
        if (eventUnit !== unitId || !Array.isArray(data.findingEventIds) || typeof data.disputeId !== 'string') return;
        const ids = disputes.get(disputeKey(data.disputeId)) ?? new Set<string>();
        for (const id of data.findingEventIds) if (typeof id === 'string') ids.add(id);
        disputes.set(disputeKey(data.disputeId), ids);
        return;
      }
    }
    const ref: FactRef = { eventId: event.eventId, occurredMs: parseInstant(event.occurredAt), recordedMs };
    switch (event.type) {
      case 'FindingRetracted':
        if (typeof data.findingEventId === 'string') keepEarliest(retractions, data.findingEventId, ref);
        return;
      case 'DisputeResolved':
        if (data.decision === 'overturned' && eventUnit === unitId && typeof data.disputeId === 'string') {
          keepEarliest(overturned, disputeKey(data.disputeId), ref);
        }
        return;
    }
    if (eventUnit !== unitId) return;
    if (event.type === 'IndicatorNotApplicable') {
      const indicator = typeof data.indicator === 'string' ? compiled.byId.get(data.indicator) : undefined;
      if (indicator) notApplicable[indicator.index].set(ref.eventId, notApplicableFact(ref, data));
      return;
    }
    const indicator = routeEvent(compiled, event.type, data);
    if (!indicator) return;
    const fact = toFact(indicator, event.type, data, ref);
    if (fact) facts[indicator.index].set(fact.eventId, fact);
  }

  /** Per target eventId, the removal that takes effect first (it is in effect for asOf ≥ its occurredMs). */
  function removals(): Map<string, FactRef> {
    const all = new Map(retractions);
    for (const [key, ref] of overturned) for (const id of disputes.get(key) ?? []) keepEarliest(all, id, ref);
    return all;
  }

  /** The instants at which this indicator's score can change. */
  function instantsOf(indicator: CompiledIndicator, removed: Map<string, FactRef>): number[] {
    const at = new Set<number>();
    for (const fact of [...facts[indicator.index].values(), ...notApplicable[indicator.index].values()]) {
      at.add(fact.occurredMs);
      const by = removed.get(fact.eventId);
      if (by) at.add(by.occurredMs);
    }
    const rule = indicator.rule;
    if (rule.kind === 'deadline-batches') for (const batch of rule.batches) at.add(batch.dueMs + 1);
    if (rule.kind === 'outage-tiers') {
      for (const fact of facts[indicator.index].values()) {
        if (!fact.repair) for (const tier of rule.tiers) at.add(fact.occurredMs + tier.withinMs + 1);
      }
    }
    return [...at];
  }

  function scoreAt(indicator: CompiledIndicator, asOfMs: number, removed: Map<string, FactRef>): Rational {
    const active: Fact[] = [];
    const gone: { fact: Fact; by: FactRef }[] = [];
    for (const fact of facts[indicator.index].values()) {
      if (fact.occurredMs > asOfMs) continue;
      const by = removed.get(fact.eventId);
      if (by && by.occurredMs <= asOfMs) gone.push({ fact, by });
      else active.push(fact);
    }
    gone.sort((a, b) => compareRefs(a.fact, b.fact));
    const na: Fact[] = [];
    for (const fact of notApplicable[indicator.index].values()) {
      const by = removed.get(fact.eventId);
      if (fact.occurredMs <= asOfMs && !(by && by.occurredMs <= asOfMs)) na.push(fact);
    }
    const ctx = { asOfMs, utcOffsetMinutes: compiled.rulebook.utcOffsetMinutes, naInterpretation: compiled.naInterpretation };
    return scoreIndicator(indicator, { active, retracted: gone, notApplicable: na }, ctx).score;
  }

  function steps(): ScoreStep[] {
    const removed = removals();
    const due = new Map<number, CompiledIndicator[]>();
    for (const indicator of compiled.indicators) {
      for (const at of instantsOf(indicator, removed)) {
        if (at <= BEFORE_ALL_MS) continue;
        const list = due.get(at);
        if (list) list.push(indicator);
        else due.set(at, [indicator]);
      }
    }
    const scored = compiled.indicators.map((indicator) => ({ indicator, score: scoreAt(indicator, BEFORE_ALL_MS, removed) }));
    const out: ScoreStep[] = [];
    const push = (fromMs: number): void => {
      const { parts, overall } = combineParts(compiled, scored);
      const step: ScoreStep = { fromMs, overall: toOutputNumber(overall), parts: {} as Record<PartId, number> };
      for (const part of compiled.parts) step.parts[part.def.id] = toOutputNumber(parts[part.def.id]);
      const last = out[out.length - 1];
      if (last && sameScores(last, step)) return;
      out.push(step);
    };
    push(BEFORE_ALL_MS);
    for (const at of [...due.keys()].sort((a, b) => a - b)) {
      for (const indicator of due.get(at) as CompiledIndicator[]) scored[indicator.index].score = scoreAt(indicator, at, removed);
      push(at);
    }
    return out;
  }

  return { add, assessed: () => isLead || registered, steps };
}

export function sameScores(a: Pick<ScoreStep, 'overall' | 'parts'>, b: Pick<ScoreStep, 'overall' | 'parts'>): boolean {
  if (a.overall !== b.overall) return false;
  for (const key of Object.keys(b.parts) as PartId[]) if (a.parts[key] !== b.parts[key]) return false;
  return true;
}

/** The step in effect at asOfMs (steps as returned by `steps()`, non-empty). */
export function stepAt(steps: readonly ScoreStep[], asOfMs: number): ScoreStep {
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (steps[mid].fromMs <= asOfMs) lo = mid;
    else hi = mid - 1;
  }
  return steps[lo];
}
