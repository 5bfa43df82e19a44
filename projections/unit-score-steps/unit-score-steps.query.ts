// Reads for rankings at any (asOf, knownAt), without folding: per unit, two index probes.
// - Nothing of the unit recorded after knownAt (its latest revision is known by then): its step at asOf in
//   unit_score_steps, the function with everything known.
// - Otherwise: its latest revision with known_ms ≤ knownAt and changed_ms ≤ asOf (the last change, as known at
//   knownAt, that reaches asOf), and in it the step in effect at asOf. The probe walks the unit's revisions back from
//   knownAt past those that only changed steps after asOf: few when knownAt is before asOf (an event is recorded after
//   it occurred), about the events of [asOf, knownAt] otherwise.
// A unit with no revision by knownAt was not assessed then and is left out.
import { BEFORE_ALL_MS, type PartId } from '../../libs/rulebook/src/index.js';
import type { Queryable } from '../projector/projection.js';

export interface UnitScoreAt {
  unitId: string;
  overall: number;
  parts: Record<PartId, number>;
}

export interface ScoresAtFromSteps {
  /** Every unit assessed at knownAt with its scores at asOf, by unitId. */
  units: UnitScoreAt[];
  /** How many of them were answered from a revision (something of theirs was recorded after knownAt). */
  fromRevisions: number;
}

/** knownAt null: now, with everything recorded known (the caller has waited for the projector) — one probe per unit. */
export async function scoresAtFromSteps(q: Queryable, asOfMs: number, knownAtMs: number | null): Promise<ScoresAtFromSteps> {
  type Row = { unit_id: string; overall: string | number; parts: Record<PartId, number>; revised: boolean };
  const { rows } =
    knownAtMs === null
      ? await q.query<Row>(
          `SELECT u.unit_id, s.overall, s.parts, false AS revised
             FROM unit_score_steps u
             CROSS JOIN LATERAL (
               SELECT overall, parts FROM unit_score_steps s
                WHERE s.unit_id = u.unit_id AND s.from_ms <= $1 ORDER BY s.from_ms DESC LIMIT 1) s
            WHERE u.from_ms = ${BEFORE_ALL_MS}`,
          [asOfMs],
        )
      : await q.query<Row>(
          `SELECT u.unit_id, v.step->1 AS overall, v.step->2 AS parts, l.known_ms > $2 AS revised
             FROM unit_score_steps u
             CROSS JOIN LATERAL (
               SELECT r.known_ms FROM unit_score_revisions r WHERE r.unit_id = u.unit_id ORDER BY r.known_ms DESC LIMIT 1) l
             CROSS JOIN LATERAL (
               (SELECT jsonb_build_array(s.from_ms, s.overall, s.parts) AS step FROM unit_score_steps s
                 WHERE l.known_ms <= $2 AND s.unit_id = u.unit_id AND s.from_ms <= $1 ORDER BY s.from_ms DESC LIMIT 1)
               UNION ALL
               (SELECT (SELECT e FROM jsonb_array_elements(r.steps) e WHERE (e->>0)::bigint <= $1 ORDER BY (e->>0)::bigint DESC LIMIT 1)
                  FROM unit_score_revisions r
                 WHERE l.known_ms > $2 AND r.unit_id = u.unit_id AND r.known_ms <= $2 AND r.changed_ms <= $1
                 ORDER BY r.known_ms DESC LIMIT 1)) v
            WHERE u.from_ms = ${BEFORE_ALL_MS} AND v.step IS NOT NULL`,
          [asOfMs, knownAtMs],
        );
  const units: UnitScoreAt[] = [];
  let fromRevisions = 0;
  for (const row of rows) {
    units.push({ unitId: row.unit_id, overall: Number(row.overall), parts: row.parts });
    if (row.revised) fromRevisions += 1;
  }
  // Code-unit order, as the evaluator lists units (the database's collation may order otherwise).
  units.sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  return { units, fromRevisions };
}
