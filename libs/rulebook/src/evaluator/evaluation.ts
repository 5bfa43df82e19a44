// Folds events into scores. `createEvaluation` takes events one at a time in any order and keeps per unit only the
// facts each indicator needs (events after asOf or unknown at knownAt are dropped on arrival), so a large export
// can be streamed line by line; `evaluate` is the same fold over an array. The result never depends on input order:
// every choice between facts uses compareRefs (occurredAt, then recordedAt, then eventId).
//
// Semantics (spec/events.md §3, rulebook-2017.md):
// - known: recordedAt ≤ knownAt (recordedAt absent: occurredAt). Unknown events do not exist for the result.
// - valid: facts with occurredAt ≤ asOf count; deadlines and open outages are judged at asOf.
// - units: the rulebook's lead units plus every unit with a known UnitRegistered (whatever its occurredAt). Whether
//   anything at all was known is `anythingKnown()`: a ledger of which nothing is known at knownAt has no units for the
//   API and the CLI ("not known yet", docs/scores.md); a per-unit fold (the read models) keeps its lead units.
// - FindingRetracted, and DisputeResolved "overturned" (for every id in the known DisputeFiled of the same unit and
//   disputeId), remove the named event from the result when their own occurredAt ≤ asOf. Any fact can be retracted
//   (a finding, a measurement, a publication, an outage start or repair, a not-applicable record); retractions
//   themselves cannot.
// - Duplicate eventIds count once.
import type { LedgerEvent } from '../../../../events/envelope.js';
import { upcast } from '../../../../events/upcasters.js';
import { unusableEventReason, type UnusableEvent } from '../../../../events/usable-event.js';
import { disputeKey } from '../../../../events/dispute-key.js';
import { formatInstant, parseInstant } from '../instant.js';
import { add, clamp, div, lt, max, min, rat, sum, toOutputNumber, toRationalString, ZERO, type Rational } from '../rational.js';
import type { PartId, Rulebook } from '../rulebook.types.js';
import { compileRulebook, routeEvent, type CompiledRulebook } from './compiled-rulebook.js';
import { compareRefs, notApplicableFact, toFact, type Fact, type FactRef } from './facts.js';
import { MESSAGES, renderLocalized } from './messages.js';
import { scoreIndicator, type ExactIndicatorScore, type ExactTraceEntry, type IndicatorFacts } from './score-indicator.js';
import type { IndicatorScore, ScoresDocument, TraceEntry, UnitScores } from './scores.types.js';

export interface EvaluateOptions {
  rulebook: Rulebook;
  /** Valid time, ISO 8601 with offset. */
  asOf: string;
  /** System time, ISO 8601 with offset. */
  knownAt: string;
  /** Only this unit (an unknown unit gives `units: []`). */
  unitId?: string;
}

export interface Evaluation {
  add(event: LedgerEvent): void;
  result(): ScoresDocument;
  /** The document's fields other than `units`. */
  header(): Omit<ScoresDocument, 'units'>;
  /** The units of `result()`, computed one at a time as they are iterated. */
  units(): Iterable<UnitScores>;
  /** Events left out because they cannot be read (a date an older version stored unchecked); at most 100 named. */
  skipped(): { count: number; events: UnusableEvent[] };
  /** Whether any event added so far was recorded by knownAt. */
  anythingKnown(): boolean;
}

/** The exact (unrounded) result of one unit, for callers and tests that need exact values. */
export interface ExactUnitResult {
  unitId: string;
  overall: Rational;
  parts: Record<PartId, Rational>;
  indicators: ExactIndicatorScore[];
  interpretations: string[];
}

interface UnitState {
  /** Facts per indicator, indexed by rulebook position, keyed by eventId. */
  facts: (Map<string, Fact> | undefined)[];
  notApplicable: (Map<string, Fact> | undefined)[];
}


export function createEvaluation(options: EvaluateOptions): Evaluation & { exactUnits(): ExactUnitResult[] } {
  const compiled = compileRulebook(options.rulebook);
  const asOfMs = parseInstant(options.asOf);
  const knownAtMs = parseInstant(options.knownAt);
  const only = options.unitId;
  const units = new Map<string, UnitState>();
  const registered = new Set<string>();
  let anythingKnown = false;
  const retractions = new Map<string, FactRef>();
  const disputes = new Map<string, Set<string>>();
  const overturned = new Map<string, FactRef>();

  const unitState = (unitId: string): UnitState => {
    let state = units.get(unitId);
    if (!state) {
      state = { facts: new Array(compiled.indicators.length), notApplicable: new Array(compiled.indicators.length) };
      units.set(unitId, state);
    }
    return state;
  };
  // Keeps the earliest effective retraction per target so the trace names the same one whatever the input order.
  const keepEarliest = (map: Map<string, FactRef>, key: string, ref: FactRef): void => {
    const current = map.get(key);
    if (!current || compareRefs(ref, current) < 0) map.set(key, ref);
  };

  const skipped: UnusableEvent[] = [];
  let skippedCount = 0;
  // An event this version would refuse but an older one stored is left out and named, never a failure of the
  // whole evaluation: one bad row must not stop every unit's scores (issue 10).
  // The fold parses every instant with the strict parser, which throws on a bad one: no second parse on the hot path.
  function addEvent(raw: LedgerEvent): void {
    try {
      foldEvent(raw);
    } catch (error) {
      skip(raw, unusableEventReason(raw) ?? (error instanceof Error ? error.message : String(error)));
    }
  }

  function skip(raw: LedgerEvent, reason: string): void {
    skippedCount += 1;
    if (skipped.length < 100) {
      const position = (raw as { position?: unknown }).position;
      skipped.push({ ...(typeof position === 'number' ? { position } : {}), eventId: String(raw.eventId), type: String(raw.type), reason });
    }
  }

  function foldEvent(raw: LedgerEvent): void {
    const event = upcast(raw);
    const recordedMs = parseInstant(event.recordedAt ?? event.occurredAt);
    if (recordedMs > knownAtMs) return;
    anythingKnown = true;
    const data = (event.data ?? {}) as Record<string, unknown>;
    const unitId = typeof data.unitId === 'string' ? data.unitId : undefined;
    switch (event.type) {
      case 'UnitRegistered':
        if (unitId !== undefined && (only === undefined || unitId === only)) registered.add(unitId);
        return;
      case 'DisputeFiled': {
        if (unitId === undefined || !Array.isArray(data.findingEventIds) || typeof data.disputeId !== 'string') return;
        const key = disputeKey(unitId, data.disputeId);
        const ids = disputes.get(key) ?? new Set<string>();
        for (const id of data.findingEventIds) if (typeof id === 'string') ids.add(id);
        disputes.set(key, ids);
        return;
      }
    }
    const occurredMs = parseInstant(event.occurredAt);
    if (occurredMs > asOfMs) return;
    const ref: FactRef = { eventId: event.eventId, occurredMs, recordedMs };
    switch (event.type) {
      case 'FindingRetracted':
        if (typeof data.findingEventId === 'string') keepEarliest(retractions, data.findingEventId, ref);
        return;
      case 'DisputeResolved':
        if (data.decision === 'overturned' && unitId !== undefined && typeof data.disputeId === 'string') {
          keepEarliest(overturned, disputeKey(unitId, data.disputeId), ref);
        }
        return;
    }
    if (unitId === undefined || (only !== undefined && unitId !== only)) return;
    if (event.type === 'IndicatorNotApplicable') {
      const indicator = typeof data.indicator === 'string' ? compiled.byId.get(data.indicator) : undefined;
      if (!indicator) return;
      const state = unitState(unitId);
      const map = (state.notApplicable[indicator.index] ??= new Map());
      map.set(ref.eventId, notApplicableFact(ref, data));
      return;
    }
    const indicator = routeEvent(compiled, event.type, data);
    if (!indicator) return;
    const fact = toFact(indicator, event.type, data, ref);
    if (!fact) return;
    const state = unitState(unitId);
    (state.facts[indicator.index] ??= new Map()).set(fact.eventId, fact);
  }

  function retractedBy(): Map<string, FactRef> {
    const all = new Map(retractions);
    for (const [key, ref] of overturned) {
      for (const id of disputes.get(key) ?? []) keepEarliest(all, id, ref);
    }
    return all;
  }

  function selectedUnitIds(): string[] {
    const ids = new Set<string>([...compiled.rulebook.leadUnits.map((u) => u.unitId), ...registered]);
    return [...ids].filter((id) => only === undefined || id === only).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  function exactUnits(): ExactUnitResult[] {
    const retracted = retractedBy();
    return selectedUnitIds().map((unitId) => scoreUnit(compiled, unitId, units.get(unitId), retracted, asOfMs));
  }

  // One unit at a time, so a writer can stream a document of thousands of units without holding all of it.
  function* outputUnits(): Generator<UnitScores> {
    const retracted = retractedBy();
    for (const unitId of selectedUnitIds()) yield toOutput(scoreUnit(compiled, unitId, units.get(unitId), retracted, asOfMs));
  }

  const header = () => {
    const offset = compiled.rulebook.utcOffsetMinutes;
    return { rulebook: compiled.rulebook.id, asOf: formatInstant(asOfMs, offset), knownAt: formatInstant(knownAtMs, offset) };
  };

  return {
    add: addEvent,
    exactUnits,
    header,
    units: outputUnits,
    anythingKnown: () => anythingKnown,
    result(): ScoresDocument {
      return { ...header(), units: [...outputUnits()] };
    },
    skipped: () => ({ count: skippedCount, events: [...skipped] }),
  };
}

/** Scores every unit of `events` (any order) at asOf as known at knownAt. */
export function evaluate(events: Iterable<LedgerEvent>, options: EvaluateOptions): ScoresDocument {
  const evaluation = createEvaluation(options);
  for (const event of events) evaluation.add(event);
  return evaluation.result();
}

function splitFacts(map: Map<string, Fact> | undefined, retracted: Map<string, FactRef>): { active: Fact[]; gone: { fact: Fact; by: FactRef }[] } {
  const active: Fact[] = [];
  const gone: { fact: Fact; by: FactRef }[] = [];
  for (const fact of map?.values() ?? []) {
    const by = retracted.get(fact.eventId);
    if (by) gone.push({ fact, by });
    else active.push(fact);
  }
  gone.sort((a, b) => compareRefs(a.fact, b.fact));
  return { active, gone };
}

function scoreUnit(
  compiled: CompiledRulebook,
  unitId: string,
  state: UnitState | undefined,
  retracted: Map<string, FactRef>,
  asOfMs: number,
): ExactUnitResult {
  const ctx = { asOfMs, utcOffsetMinutes: compiled.rulebook.utcOffsetMinutes, naInterpretation: compiled.naInterpretation };
  const indicators = compiled.indicators.map((indicator) => {
    const { active, gone } = splitFacts(state?.facts[indicator.index], retracted);
    const facts: IndicatorFacts = {
      active,
      retracted: gone,
      notApplicable: splitFacts(state?.notApplicable[indicator.index], retracted).active,
    };
    return scoreIndicator(indicator, facts, ctx);
  });
  const used = new Set<string>();
  for (const scored of indicators) for (const entry of scored.trace) for (const id of entry.interpretations) used.add(id);

  const { parts, overall } = combineParts(compiled, indicators, used);
  const order = compiled.interpretationOrder;
  const interpretations = [...used].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
  return { unitId, overall, parts, indicators, interpretations };
}

/**
 * The parts and the overall score from the indicators' exact scores (`used` collects the cap interpretations applied).
 * Shared with the score step functions (score-steps.ts), so both add up a unit the same way.
 */
export function combineParts(
  compiled: CompiledRulebook,
  indicators: readonly { indicator: { def: { part: PartId; kind: string } }; score: Rational }[],
  used?: Set<string>,
): { parts: Record<PartId, Rational>; overall: Rational } {
  const parts = {} as Record<PartId, Rational>;
  for (const part of compiled.parts) {
    const scores = indicators.filter((s) => s.indicator.def.part === part.def.id);
    const { score, capped } = partScore(part, scores);
    parts[part.def.id] = score;
    if (capped && part.def.capInterpretation) used?.add(part.def.capInterpretation);
  }
  return { parts, overall: overallOf(compiled.parts.map((p) => parts[p.def.id])) };
}

/** One part from its indicators' exact scores; `capped` when the indicators' sum went over the part's max. */
export function partScore(
  part: CompiledRulebook['parts'][number],
  scores: readonly { indicator: { def: { kind: string } }; score: Rational }[],
): { score: Rational; capped: boolean } {
  const regular = sum(scores.filter((s) => s.indicator.def.kind !== 'penalty').map((s) => s.score));
  const penalty = sum(scores.filter((s) => s.indicator.def.kind === 'penalty').map((s) => s.score));
  // I-CAP / I-PENALTY: cap the indicators' sum first, then take the penalties off, never below 0.
  const capped = min(part.max, regular);
  return { score: clamp(add(capped, penalty), ZERO, part.max), capped: lt(part.max, regular) };
}

/** The overall score: the mean of the parts, never below 0. */
export function overallOf(partValues: readonly Rational[]): Rational {
  const overall = partValues.length === 0 ? ZERO : div(sum(partValues), rat(partValues.length));
  return max(ZERO, overall);
}

function toTraceEntry(entry: ExactTraceEntry): TraceEntry {
  const template = entry.template ?? MESSAGES[entry.messageKey];
  const text = template ? renderLocalized(template, entry.params) : { zh: entry.messageKey, en: entry.messageKey };
  return {
    points: toOutputNumber(entry.points),
    rule: text.en,
    eventIds: entry.eventIds,
    messageKey: entry.messageKey,
    params: entry.params,
    zh: text.zh,
    en: text.en,
    interpretations: entry.interpretations,
    pointsExact: toRationalString(entry.points),
  };
}

function toOutput(unit: ExactUnitResult): UnitScores {
  const parts = {} as Record<PartId, number>;
  for (const [id, value] of Object.entries(unit.parts) as [PartId, Rational][]) parts[id] = toOutputNumber(value);
  const indicators: Record<string, IndicatorScore> = {};
  for (const scored of unit.indicators) {
    indicators[scored.indicator.def.id] = {
      score: toOutputNumber(scored.score),
      max: toOutputNumber(scored.indicator.max),
      status: scored.status,
      trace: scored.trace.map(toTraceEntry),
    };
  }
  return { unitId: unit.unitId, overall: toOutputNumber(unit.overall), parts, indicators, interpretations: unit.interpretations };
}
