// Reads and writes of projection_checkpoints, always through the caller's transaction.
import type pg from 'pg';
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

/** Runs `work` in one transaction on a pooled client. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    // A client whose rollback may have failed is not returned to the pool for reuse.
    client.release(true);
    throw error;
  }
}
