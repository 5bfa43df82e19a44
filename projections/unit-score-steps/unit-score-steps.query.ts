// Reads for rankings at any instant: each unit's step in effect at asOf, and the units whose steps do not answer
// for that knownAt (something recorded after knownAt changes their scores by asOf), which the caller folds instead.
import { BEFORE_ALL_MS, type PartId } from '../../libs/rulebook/src/index.js';
import type { Queryable } from '../projector/projection.js';

export interface UnitScoreAt {
  unitId: string;
  overall: number;
  parts: Record<PartId, number>;
}

export interface ScoresAtFromSteps {
  /** Units answered from the steps (every unit assessed with everything known that is not in `refold`). */
  units: UnitScoreAt[];
  /** Units that must be folded from their events at (asOf, knownAt), by unitId. */
  refold: string[];
}

/** One index probe per unit for its step, and a range scan of what was recorded after knownAt. */
export async function scoresAtFromSteps(q: Queryable, asOfMs: number, knownAtMs: number): Promise<ScoresAtFromSteps> {
  const refold = await q.query<{ unit_id: string }>(
    `SELECT DISTINCT unit_id FROM unit_knowledge WHERE recorded_ms > $1 AND occurred_ms <= $2`,
    [knownAtMs, asOfMs],
  );
  const skip = refold.rows.map((r) => r.unit_id);
  const { rows } = await q.query<{ unit_id: string; overall: string; parts: Record<PartId, number> }>(
    `SELECT u.unit_id, s.overall, s.parts
       FROM unit_score_steps u
       CROSS JOIN LATERAL (
         SELECT overall, parts FROM unit_score_steps s
          WHERE s.unit_id = u.unit_id AND s.from_ms <= $1 ORDER BY s.from_ms DESC LIMIT 1) s
      WHERE u.from_ms = ${BEFORE_ALL_MS} AND NOT (u.unit_id = ANY($2::text[]))`,
    [asOfMs, skip],
  );
  return { units: rows.map((r) => ({ unitId: r.unit_id, overall: Number(r.overall), parts: r.parts })), refold: skip };
}
