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
import { eq, toOutputNumber, ZERO, type Rational } from '../rational.js';
import type { PartId, Rulebook } from '../rulebook.types.js';
import { compileRulebook, routeEvent, type CompiledIndicator } from './compiled-rulebook.js';
import { overallOf, partScore } from './evaluation.js';
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
  /** The occurredAt of the earliest overturning resolution of the unit's dispute added so far, if any. */
  overturnedFrom(disputeId: string): number | undefined;
}

const disputeKey = (disputeId: string): string => disputeId;

/** One indicator's exact score as a step function: score[k] holds for asOf in [at[k], at[k + 1]). */
interface IndicatorSteps {
  at: number[];
  score: Rational[];
  /** Valid for asOf < dirtyFrom; Infinity when current. */
  dirtyFrom: number;
}

export function createUnitScoreSteps(rulebook: Rulebook, unitId: string): UnitScoreSteps {
  const compiled = compileRulebook(rulebook);
  const isLead = rulebook.leadUnits.some((u) => u.unitId === unitId);
  let registered = false;
  const facts: Map<string, Fact>[] = compiled.indicators.map(() => new Map());
  const notApplicable: Map<string, Fact>[] = compiled.indicators.map(() => new Map());
  const indicatorOf = new Map<string, number>();
  const retractions = new Map<string, FactRef>();
  const disputes = new Map<string, Set<string>>();
  const overturned = new Map<string, FactRef>();
  let removed = new Map<string, FactRef>();
  let removalsChanged = false;
  const fns: IndicatorSteps[] = compiled.indicators.map(() => ({ at: [], score: [], dirtyFrom: BEFORE_ALL_MS }));
  let combined: ScoreStep[] = [];
  let combinedDirtyFrom = BEFORE_ALL_MS;
  // The combining's working set, built once: each indicator's current score (by index) and each part's indicators
  // (steps() runs after every recordedAt group in a rebuild, so its fixed cost counts).
  const scored = compiled.indicators.map((indicator) => ({ indicator, score: ZERO }));
  const partOf = compiled.parts.map((part) => scored.filter((s) => s.indicator.def.part === part.def.id));
  const partIndex = new Map(compiled.parts.map((part, p) => [part.def.id, p]));
  const partOfIndicator = compiled.indicators.map((indicator) => partIndex.get(indicator.def.part) as number);

  const keepEarliest = (map: Map<string, FactRef>, key: string, ref: FactRef): boolean => {
    const current = map.get(key);
    if (current && compareRefs(ref, current) >= 0) return false;
    map.set(key, ref);
    return true;
  };
  const dirty = (index: number, fromMs: number): void => {
    fns[index].dirtyFrom = Math.min(fns[index].dirtyFrom, fromMs);
    combinedDirtyFrom = Math.min(combinedDirtyFrom, fromMs);
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
        removalsChanged = true;
        return;
      }
    }
    const ref: FactRef = { eventId: event.eventId, occurredMs: parseInstant(event.occurredAt), recordedMs };
    switch (event.type) {
      case 'FindingRetracted':
        if (typeof data.findingEventId === 'string' && keepEarliest(retractions, data.findingEventId, ref)) removalsChanged = true;
        return;
      case 'DisputeResolved':
        if (data.decision === 'overturned' && eventUnit === unitId && typeof data.disputeId === 'string') {
          if (keepEarliest(overturned, disputeKey(data.disputeId), ref)) removalsChanged = true;
        }
        return;
    }
    if (eventUnit !== unitId) return;
    if (event.type === 'IndicatorNotApplicable') {
      const indicator = typeof data.indicator === 'string' ? compiled.byId.get(data.indicator) : undefined;
      if (!indicator) return;
      notApplicable[indicator.index].set(ref.eventId, notApplicableFact(ref, data));
      indicatorOf.set(ref.eventId, indicator.index);
      dirty(indicator.index, ref.occurredMs);
      return;
    }
    const indicator = routeEvent(compiled, event.type, data);
    if (!indicator) return;
    const fact = toFact(indicator, event.type, data, ref);
    if (!fact) return;
    facts[indicator.index].set(fact.eventId, fact);
    indicatorOf.set(fact.eventId, indicator.index);
    dirty(indicator.index, fact.occurredMs);
  }

  /**
   * Per target eventId, the removal that takes effect first (in effect for asOf ≥ its occurredMs); an indicator whose
   * facts' removals changed is dirty from the earlier of the old and the new removal.
   */
  function refreshRemovals(): void {
    if (!removalsChanged) return;
    removalsChanged = false;
    const next = new Map(retractions);
    for (const [key, ref] of overturned) for (const id of disputes.get(key) ?? []) keepEarliest(next, id, ref);
    for (const id of new Set([...removed.keys(), ...next.keys()])) {
      const [before, after] = [removed.get(id), next.get(id)];
      if (before === after) continue;
      const index = indicatorOf.get(id);
      if (index !== undefined) dirty(index, Math.min(before?.occurredMs ?? Infinity, after?.occurredMs ?? Infinity));
    }
    removed = next;
  }

  /**
   * The instants from `fromMs` on at which this indicator's score can change. Only those are sorted: a unit rescored
   * after each append (the revisions' rebuild) asks for the last few of many.
   */
  function instantsOf(indicator: CompiledIndicator, fromMs: number): number[] {
    const at = new Set<number>();
    const keep = (t: number): void => {
      if (t >= fromMs && t > BEFORE_ALL_MS) at.add(t);
    };
    for (const map of [facts[indicator.index], notApplicable[indicator.index]]) {
      for (const fact of map.values()) {
        keep(fact.occurredMs);
        const by = removed.get(fact.eventId);
        if (by) keep(by.occurredMs);
      }
    }
    const rule = indicator.rule;
    if (rule.kind === 'deadline-batches') for (const batch of rule.batches) keep(batch.dueMs + 1);
    if (rule.kind === 'outage-tiers') {
      for (const fact of facts[indicator.index].values()) {
        if (!fact.repair) for (const tier of rule.tiers) keep(fact.occurredMs + tier.withinMs + 1);
      }
    }
    return [...at].sort((a, b) => a - b);
  }

  function scoreAt(indicator: CompiledIndicator, asOfMs: number): Rational {
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

  /** Nothing before dirtyFrom changed, so only the steps from there on are scored again. */
  function refreshIndicator(indicator: CompiledIndicator): void {
    const fn = fns[indicator.index];
    if (fn.dirtyFrom === Infinity) return;
    const keep = fn.at.findIndex((t) => t >= fn.dirtyFrom);
    if (keep >= 0) {
      fn.at.length = keep;
      fn.score.length = keep;
    }
    if (fn.at.length === 0) {
      fn.at.push(BEFORE_ALL_MS);
      fn.score.push(scoreAt(indicator, BEFORE_ALL_MS));
    }
    for (const t of instantsOf(indicator, fn.dirtyFrom)) {
      const score = scoreAt(indicator, t);
      if (eq(score, fn.score[fn.score.length - 1])) continue;
      fn.at.push(t);
      fn.score.push(score);
    }
    fn.dirtyFrom = Infinity;
  }

  function steps(): ScoreStep[] {
    refreshRemovals();
    if (combinedDirtyFrom === Infinity) return combined;
    for (const indicator of compiled.indicators) refreshIndicator(indicator);
    const from = combinedDirtyFrom;
    // The steps before `from` stay (a copy: a caller may hold the previous array to compare with).
    let [lo, hi] = [0, combined.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (combined[mid].fromMs < from) lo = mid + 1;
      else hi = mid;
    }
    const kept = combined.slice(0, lo);
    // Each indicator's score at `from` (its last step at or before it), then every later step in time order.
    const cursor = fns.map((fn) => {
      // The last k with at[k] ≤ from (at[0] is BEFORE_ALL_MS), by bisection.
      let [lo, hi] = [0, fn.at.length - 1];
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (fn.at[mid] <= from) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    });
    for (const indicator of compiled.indicators) scored[indicator.index].score = fns[indicator.index].score[cursor[indicator.index]];
    // Parts are recomputed only when one of their indicators moved; the overall from the parts each time.
    const partExact = compiled.parts.map((part, p) => partScore(part, partOf[p]).score);
    const partOut = partExact.map(toOutputNumber);
    // Every indicator step after `from`, in time order: [instant, indicator index, step index].
    const later: [number, number, number][] = [];
    fns.forEach((fn, i) => {
      for (let k = cursor[i] + 1; k < fn.at.length; k += 1) later.push([fn.at[k], i, k]);
    });
    later.sort((a, b) => a[0] - b[0]);
    const push = (fromMs: number): void => {
      const step: ScoreStep = { fromMs, overall: toOutputNumber(overallOf(partExact)), parts: {} as Record<PartId, number> };
      compiled.parts.forEach((part, p) => (step.parts[part.def.id] = partOut[p]));
      const last = kept[kept.length - 1];
      if (last && sameScores(last, step)) return;
      kept.push(step);
    };
    push(kept.length === 0 ? BEFORE_ALL_MS : from);
    const moved = new Set<number>();
    for (let j = 0; j < later.length; ) {
      const t = later[j][0];
      moved.clear();
      for (; j < later.length && later[j][0] === t; j += 1) {
        const [, i, k] = later[j];
        scored[i].score = fns[i].score[k];
        moved.add(partOfIndicator[i]);
      }
      for (const p of moved) {
        partExact[p] = partScore(compiled.parts[p], partOf[p]).score;
        partOut[p] = toOutputNumber(partExact[p]);
      }
      push(t);
    }
    combined = kept;
    combinedDirtyFrom = Infinity;
    return combined;
  }

  return { add, assessed: () => isLead || registered, steps, overturnedFrom: (disputeId) => overturned.get(disputeKey(disputeId))?.occurredMs };
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
