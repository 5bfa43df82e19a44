// The output shape of spec/events.md §3, as produced by `evaluate`. Exact formats:
// - `asOf` / `knownAt`: ISO 8601 in the rulebook's offset with milliseconds, "2017-12-31T23:59:59.999+08:00".
// - every number (`overall`, parts, `score`, `max`, trace `points`) is the exact value rounded half-up (ties away
//   from zero) to 2 decimals, as a JSON number; `pointsExact` keeps the exact rational as text ("-50/3").
// - `units` sorted by unitId (code-unit order); `indicators` keyed in rulebook order; parts "1".."6".
import type { PartId } from '../rulebook.types.js';

export type IndicatorStatus = 'scored' | 'no-data' | 'pending' | 'ongoing' | 'not-applicable';

export interface TraceEntry {
  /** Points this entry adds (negative for a deduction or penalty, positive for earned points or a floor). */
  points: number;
  /** The entry in English (same text as `en`), the field named by the spec. */
  rule: string;
  /** The events behind the entry, oldest first; empty only where no event can exist (an unpublished batch, a floor). */
  eventIds: string[];
  /** Stable id of the message, e.g. "batch.late", for clients that render their own text. */
  messageKey: string;
  /** The values filled into the message; names taken from the rulebook are { zh, en } pairs. */
  params: Record<string, string | number | { zh: string; en: string }>;
  zh: string;
  en: string;
  /** The interpretations (I-…) this entry applies. */
  interpretations: string[];
  /** `points` exactly, as an integer or a fraction ("-50/3"). */
  pointsExact: string;
}

export interface IndicatorScore {
  score: number;
  max: number;
  status: IndicatorStatus;
  trace: TraceEntry[];
}

export interface UnitScores {
  unitId: string;
  overall: number;
  parts: Record<PartId, number>;
  indicators: Record<string, IndicatorScore>;
  /** Interpretations applied anywhere in this unit's result, in rulebook order. */
  interpretations: string[];
}

export interface ScoresDocument {
  rulebook: string;
  asOf: string;
  knownAt: string;
  units: UnitScores[];
}
