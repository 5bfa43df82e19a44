// Pure: one unit's current scores folded from its events. "Current" is the rulebook year end as valid time and
// everything recorded as system time: both fixed, so a rebuild and the incremental fold give the same rows.
import type { LedgerEvent, StoredEvent } from '../../events/index.js';
import { createEvaluation, type Evaluation, type Rulebook, type UnitScores } from '../../libs/rulebook/src/index.js';

/** System time late enough to know every event the ledger will ever hold. */
// The last instant the one parser accepts (events/instant.ts): every recorded event is known by then.
export const KNOWN_AT_ALL = '2100-12-31T23:59:59.999Z';

export interface UnitFold {
  unitId: string;
  evaluation: Evaluation;
  /** Highest position folded in; events at or below it are already counted. */
  lastPosition: number;
  /** From the unit's latest UnitRegistered (null until one is folded). */
  name: string | null;
  kind: string | null;
}

export interface UnitScoreRow {
  unitId: string;
  name: string;
  kind: string;
  overall: number;
  parts: Record<string, number>;
  asOfPosition: number;
  indicators: { indicator: string; ordinal: number; score: number; max: number; status: string }[];
}

export function startUnitFold(rulebook: Rulebook, unitId: string): UnitFold {
  const evaluation = createEvaluation({ rulebook, asOf: rulebook.year.to, knownAt: KNOWN_AT_ALL, unitId });
  return { unitId, evaluation, lastPosition: 0, name: null, kind: null };
}

/** Folds one event of the unit; an event at or below lastPosition (seen before) changes nothing. */
export function foldUnitEvent(fold: UnitFold, event: StoredEvent): void {
  if (event.position <= fold.lastPosition) return;
  fold.lastPosition = event.position;
  if (event.type === 'UnitRegistered') {
    if (typeof event.data.name === 'string') fold.name = event.data.name;
    if (typeof event.data.kind === 'string') fold.kind = event.data.kind;
  }
  fold.evaluation.add(event as LedgerEvent);
}

/** The unit's row, or null when it is not an assessed unit (neither a lead unit nor registered). */
export function unitScoreRow(rulebook: Rulebook, fold: UnitFold): UnitScoreRow | null {
  const scores: UnitScores | undefined = fold.evaluation.result().units.find((u) => u.unitId === fold.unitId);
  if (!scores) return null;
  const lead = rulebook.leadUnits.find((u) => u.unitId === fold.unitId);
  const ordinals = new Map(rulebook.indicators.map((d, i) => [d.id, i]));
  return {
    unitId: fold.unitId,
    name: fold.name ?? lead?.name ?? fold.unitId,
    kind: fold.kind ?? lead?.kind ?? 'department',
    overall: scores.overall,
    parts: scores.parts,
    asOfPosition: fold.lastPosition,
    indicators: Object.entries(scores.indicators).map(([indicator, s]) => ({
      indicator,
      ordinal: ordinals.get(indicator) ?? 0,
      score: s.score,
      max: s.max,
      status: s.status,
    })),
  };
}
