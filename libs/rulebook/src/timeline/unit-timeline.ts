// The history a reviewer steps through to audit a score: in valid-time order, every event of the unit and every
// moment where time alone changed a score (a deadline passing, an open outage crossing 2 h or 24 h), each with the
// indicators, parts and overall before and after.
//
// Time-driven changes are found without knowing the rules: between two consecutive events the scores are a step
// function of asOf, so if the scores just after one event differ from those just before the next, a threshold lies
// in between, and bisection on the millisecond finds it exactly. Each evaluation folds the unit's events once, so a
// timeline costs O((events + thresholds × log span) × events): fine for a unit's trail, not meant for a whole ledger.
import type { LedgerEvent } from '../../../../events/index.js';
import { evaluate } from '../evaluator/evaluation.js';
import type { UnitScores } from '../evaluator/scores.types.js';
import { formatInstant, parseInstant } from '../instant.js';
import { unusableEventReason } from '../../../../events/usable-event.js';
import type { PartId, Rulebook } from '../rulebook.types.js';

export interface IndicatorChange {
  indicator: string;
  part: PartId;
  before: { score: number; status: string };
  after: { score: number; status: string };
}

export interface TimelineStep {
  /** The valid time of the step, in the rulebook's offset. */
  at: string;
  cause: 'event' | 'time';
  /** The events that occurred at this instant (empty for a time-driven step). */
  events: { eventId: string; type: string; actor: LedgerEvent['actor']; data: LedgerEvent['data'] }[];
  indicators: IndicatorChange[];
  parts: { part: PartId; before: number; after: number }[];
  overall: { before: number; after: number };
}

export interface TimelineOptions {
  rulebook: Rulebook;
  unitId: string;
  knownAt: string;
  /** Only steps at or after / at or before these valid times (the evaluation still uses every event). */
  from?: string;
  to?: string;
}

function scoresAt(events: readonly LedgerEvent[], options: TimelineOptions, atMs: number): UnitScores | undefined {
  const asOf = formatInstant(atMs, options.rulebook.utcOffsetMinutes);
  return evaluate(events, { rulebook: options.rulebook, asOf, knownAt: options.knownAt, unitId: options.unitId }).units[0];
}

const sameScores = (a: UnitScores | undefined, b: UnitScores | undefined): boolean =>
  JSON.stringify(a && Object.entries(a.indicators).map(([k, v]) => [k, v.score, v.status])) ===
  JSON.stringify(b && Object.entries(b.indicators).map(([k, v]) => [k, v.score, v.status]));

function step(rulebook: Rulebook, atMs: number, cause: TimelineStep['cause'], events: LedgerEvent[], before?: UnitScores, after?: UnitScores): TimelineStep {
  const partOf = new Map(rulebook.indicators.map((i) => [i.id, i.part]));
  const indicators: IndicatorChange[] = [];
  for (const [id, now] of Object.entries(after?.indicators ?? {})) {
    const then = before?.indicators[id];
    if (then && then.score === now.score && then.status === now.status) continue;
    indicators.push({
      indicator: id,
      part: partOf.get(id) as PartId,
      before: { score: then?.score ?? 0, status: then?.status ?? 'no-data' },
      after: { score: now.score, status: now.status },
    });
  }
  const parts = (Object.keys(after?.parts ?? {}) as PartId[])
    .filter((p) => before?.parts[p] !== after?.parts[p])
    .map((p) => ({ part: p, before: before?.parts[p] ?? 0, after: after?.parts[p] ?? 0 }));
  return {
    at: formatInstant(atMs, rulebook.utcOffsetMinutes),
    cause,
    events: events.map((e) => ({ eventId: e.eventId, type: e.type, actor: e.actor, data: e.data })),
    indicators,
    parts,
    overall: { before: before?.overall ?? 0, after: after?.overall ?? 0 },
  };
}

export function unitTimeline(allEvents: readonly LedgerEvent[], options: TimelineOptions): TimelineStep[] {
  const knownAtMs = parseInstant(options.knownAt);
  // An event an older version stored with a date the strict parser refuses is left out, as the evaluator does.
  const events = allEvents.filter((e) => unusableEventReason(e) === undefined && parseInstant(e.recordedAt ?? e.occurredAt) <= knownAtMs);
  const fromMs = options.from ? parseInstant(options.from) : -Infinity;
  const toMs = options.to ? parseInstant(options.to) : parseInstant(options.rulebook.year.to);
  const byInstant = new Map<number, LedgerEvent[]>();
  for (const e of events) {
    const at = parseInstant(e.occurredAt);
    byInstant.set(at, [...(byInstant.get(at) ?? []), e]);
  }
  const instants = [...byInstant.keys()].sort((a, b) => a - b);
  const steps: TimelineStep[] = [];
  const emit = (s: TimelineStep, atMs: number) => {
    if (atMs >= fromMs && atMs <= toMs) steps.push(s);
  };

  // Finds every time-driven change in (startMs, endMs], given the scores at startMs.
  const thresholds = (startMs: number, startScores: UnitScores | undefined, endMs: number) => {
    let lowMs = startMs;
    let low = startScores;
    for (;;) {
      const end = scoresAt(events, options, endMs);
      if (sameScores(low, end)) return;
      let lo = lowMs;
      let hi = endMs;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (sameScores(low, scoresAt(events, options, mid))) lo = mid;
        else hi = mid;
      }
      const after = scoresAt(events, options, hi);
      emit(step(options.rulebook, hi, 'time', [], low, after), hi);
      lowMs = hi;
      low = after;
    }
  };

  const yearStart = parseInstant(options.rulebook.year.from);
  let previousMs = Math.min(yearStart, instants[0] ?? yearStart) - 1;
  let previous = scoresAt(events, options, previousMs);
  for (const at of instants) {
    if (at - 1 > previousMs) thresholds(previousMs, previous, at - 1);
    const before = scoresAt(events, options, at - 1);
    const after = scoresAt(events, options, at);
    emit(step(options.rulebook, at, 'event', byInstant.get(at)!, before, after), at);
    previousMs = at;
    previous = after;
  }
  const endMs = Math.max(toMs, previousMs);
  if (endMs > previousMs && Number.isFinite(endMs)) thresholds(previousMs, previous, endMs);
  return steps;
}
