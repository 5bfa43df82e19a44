// The one way the rankings are answered, shared by GET /v1/rankings and the rankings report, so the two cannot give
// different numbers: the current view (the year end, as known now) from the unit_scores read model; any other
// (asOf, knownAt) from the step functions and the evaluator (RankingsAt, ADR 0019), ranked by rank().
import { listUnits, rankings, type Queryable } from '../../../../projections/index.js';
import { rank, type RankedUnit } from './rank-units.js';
import type { RankingsAt } from './rankings-at.js';

export interface RankingsQuery {
  asOf?: string;
  knownAt?: string;
}

export interface RankingsAnswer {
  /** asOf and knownAt as answered; both null for the current view (the year end, as known at the read models' position). */
  at: { asOf: string; knownAt: string } | null;
  units: RankedUnit[];
}

/**
 * Every unit ranked. `q` is where the read models are read (the pool, or a snapshot transaction); `position` the
 * position they have reached (0: nothing recorded, no units). `knownAtDefault` is the knownAt of a query that names
 * only asOf (the route: now; a report: the recordedAt of the event at its pinned position).
 */
export async function answerRankings(
  q: Queryable,
  rankingsAt: RankingsAt,
  query: RankingsQuery,
  position: number,
  knownAtDefault?: string,
): Promise<RankingsAnswer> {
  if (query.asOf === undefined && query.knownAt === undefined) {
    // An empty ledger has no units yet, as the evaluator says of a time before anything was recorded.
    const rows = position === 0 ? [] : await rankings(q);
    return { at: null, units: rows.map(({ rank, unitId, name, kind, overall, parts }) => ({ rank, unitId, name, kind, overall, parts })) };
  }
  const scores = await rankingsAt.scoresAt(query.asOf, query.knownAt ?? knownAtDefault, q);
  const names = new Map((await listUnits(q)).map((u) => [u.unitId, u]));
  return { at: { asOf: scores.asOf, knownAt: scores.knownAt }, units: rank(scores.units, names) };
}

/** The read models this answer reads, whose checkpoints pin the position a report prints. */
export const RANKINGS_READ_MODELS = ['unit-scores', 'unit-score-steps'];
