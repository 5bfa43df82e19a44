// `ledger rebuild --tree`: the tree again from the log. The tree tables are append-only even for their owner, so
// the rebuild runs as the owner (the login role, never the application role), disables their triggers for its one
// transaction, empties and refills them. Checkpoints are history and stay.
import type pg from 'pg';
import { TileAppender } from '../tiles.js';
import { eventLeafHash } from '../proof-bundle.js';
import type { LeafSource } from './merkle-tree.store.js';

export interface TreeRebuildReport {
  size: number;
  millis: number;
}

const TABLES = ['merkle_tiles', 'merkle_tree', 'merkle_leaf_positions'];

export async function rebuildTree(
  ownerPool: pg.Pool,
  leaves: LeafSource,
  options: { gapFree: boolean; batchSize?: number; onProgress?: (done: number) => void; now?: () => number } = { gapFree: true },
): Promise<TreeRebuildReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const client = await ownerPool.connect();
  try {
    await client.query('BEGIN');
    for (const t of TABLES) await client.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
    await client.query('DELETE FROM merkle_tiles');
    await client.query('DELETE FROM merkle_leaf_positions');
    const appender = new TileAppender(0, new Map());
    let last = 0;
    const batch = options.batchSize ?? 50_000;
    // The next batch is asked for before this one is hashed: PostgreSQL reads while we hash (about twice the rate).
    let next = leaves(client, 0, batch);
    for (;;) {
      const rows = await next;
      if (rows.length === 0) break;
      last = rows[rows.length - 1].position;
      next = leaves(client, last, batch);
      if (options.gapFree && rows[0].position !== appender.size + 1) throw new Error(`the log skips from entry ${appender.size} to position ${rows[0].position}`);
      const first = appender.size;
      for (const r of rows) appender.append(eventLeafHash(r.hash));
      if (!options.gapFree) {
        await client.query('INSERT INTO merkle_leaf_positions (leaf_index, position) SELECT * FROM unnest($1::bigint[], $2::bigint[])', [
          rows.map((_, i) => first + i),
          rows.map((r) => r.position),
        ]);
      }
      // Full tiles are final: written as they complete; the edge is rewritten until the end.
      const tiles = appender.takeChanges();
      await client.query(
        `INSERT INTO merkle_tiles (level, idx, hashes) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])
         ON CONFLICT (level, idx) DO UPDATE SET hashes = EXCLUDED.hashes`,
        [tiles.map((t) => t.level), tiles.map((t) => t.index), tiles.map((t) => t.hashes)],
      );
      options.onProgress?.(appender.size);
    }
    await client.query('UPDATE merkle_tree SET size = $1, last_position = $2 WHERE id', [appender.size, last]);
    for (const t of TABLES) await client.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
    await client.query('COMMIT');
    return { size: appender.size, millis: now() - started };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
