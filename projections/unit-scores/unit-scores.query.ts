// Reads of the current scores: the unit list and the rankings (year end, everything known).
import type { Queryable } from '../projector/projection.js';

export interface UnitListing {
  unitId: string;
  name: string;
  kind: string;
}

export interface RankingRow extends UnitListing {
  rank: number;
  overall: number;
  parts: Record<string, number>;
  asOfPosition: number;
}

export interface UnitIndicatorScoreRow {
  indicator: string;
  score: number;
  max: number;
  status: string;
}

/** Every assessed unit (the rulebook's lead units included), by unitId. */
export async function listUnits(q: Queryable): Promise<UnitListing[]> {
  const { rows } = await q.query<{ unit_id: string; name: string; kind: string }>(
    'SELECT unit_id, name, kind FROM unit_scores ORDER BY unit_id COLLATE "C"',
  );
  return rows.map((r) => ({ unitId: r.unit_id, name: r.name, kind: r.kind }));
}

/** All units by overall score, highest first, ties by unitId; equal scores share a rank (1, 1, 3). */
export async function rankings(q: Queryable): Promise<RankingRow[]> {
  const { rows } = await q.query<{
    unit_id: string;
    name: string;
    kind: string;
    overall: string;
    parts: Record<string, number>;
    as_of_position: string;
    rank: string;
  }>(
    `SELECT unit_id, name, kind, overall, parts, as_of_position, rank() OVER (ORDER BY overall DESC) AS rank
       FROM unit_scores ORDER BY overall DESC, unit_id COLLATE "C"`,
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    name: r.name,
    kind: r.kind,
    rank: Number(r.rank),
    overall: Number(r.overall),
    parts: r.parts,
    asOfPosition: Number(r.as_of_position),
  }));
}

/** One unit's indicator scores in rulebook order (empty for an unknown unit). */
export async function unitIndicatorScores(q: Queryable, unitId: string): Promise<UnitIndicatorScoreRow[]> {
  const { rows } = await q.query<{ indicator: string; score: string; max: string; status: string }>(
    'SELECT indicator, score, max, status FROM unit_indicator_scores WHERE unit_id = $1 ORDER BY ordinal',
    [unitId],
  );
  return rows.map((r) => ({ indicator: r.indicator, score: Number(r.score), max: Number(r.max), status: r.status }));
}
