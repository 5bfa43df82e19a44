// Reads and writes of projection_checkpoints, always through the caller's transaction.
import type { Queryable } from './projection.js';

export interface Checkpoint {
  name: string;
  version: number;
  position: number;
}

export async function readCheckpoints(q: Queryable, names: string[], forUpdate = false): Promise<Map<string, Checkpoint>> {
  const { rows } = await q.query<{ name: string; version: number; position: string }>(
    `SELECT name, version, position FROM projection_checkpoints WHERE name = ANY($1::text[]) ORDER BY name${forUpdate ? ' FOR UPDATE' : ''}`,
    [names],
  );
  return new Map(rows.map((r) => [r.name, { name: r.name, version: r.version, position: Number(r.position) }]));
}

export async function writeCheckpoint(q: Queryable, checkpoint: Checkpoint): Promise<void> {
  await q.query(
    `INSERT INTO projection_checkpoints (name, version, position, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, position = EXCLUDED.position, updated_at = now()`,
    [checkpoint.name, checkpoint.version, checkpoint.position],
  );
}
