// `ledger rebuild --tree`: the tree again from the log. The tree tables are append-only even for their owner, so
// the rebuild runs as the owner (the login role, never the application role), disables their triggers for its one
// transaction, empties and refills them. Checkpoints are history and stay.
//
// On PostgreSQL (the events beside the tree, positions gap-free) the level-0 tiles are made by PostgreSQL itself:
// one INSERT … SELECT per chunk of tiles hashes each leaf (SHA-256(0x00 ‖ hash)), concatenates 256 of them in
// position order into the tile's row and returns the tile's bytes. Node hashes only the interior nodes, from those
// bytes, while PostgreSQL already works on the next chunk: the two cores share the two million hashes of a
// million-entry tree, and no row per event crosses the wire (docs/adr/0015). Any other log (EventStoreDB) is read
// through its LeafSource and hashed here.
import type pg from 'pg';
import { TILE_WIDTH, TileAppender, fullTileRoot } from '../tiles.js';
import { eventLeafHash } from '../proof-bundle.js';
import { postgresLeaves, type LeafSource } from './merkle-tree.store.js';

export interface TreeRebuildReport {
  size: number;
  millis: number;
}

const TABLES = ['merkle_tiles', 'merkle_tree', 'merkle_leaf_positions'];
const HASH = 32;

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
    const { size, last } =
      leaves === postgresLeaves && options.gapFree ? await rebuildFromEventsTable(client, options) : await rebuildFromLeaves(client, leaves, options);
    await client.query('UPDATE merkle_tree SET size = $1, last_position = $2 WHERE id', [size, last]);
    for (const t of TABLES) await client.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
    await client.query('COMMIT');
    return { size, millis: now() - started };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Level-0 tiles per statement: 64 × 256 = 16,384 events, small enough to overlap PostgreSQL's work with ours. */
const TILES_PER_CHUNK = 64;

async function rebuildFromEventsTable(client: pg.PoolClient, options: { onProgress?: (done: number) => void }): Promise<{ size: number; last: number }> {
  // Positions are unique and positive: as many events as the largest position means none is missing.
  const { rows } = await client.query<{ count: string; size: string }>('SELECT count(*) AS count, coalesce(max(position), 0) AS size FROM events');
  const size = Number(rows[0].size);
  if (Number(rows[0].count) !== size) throw new Error(`the log has a gap: ${rows[0].count} events up to position ${size}`);
  const tileCount = Math.ceil(size / TILE_WIDTH);
  // One chunk of level-0 tiles [from, to): written by PostgreSQL, returned for the levels above. A tile index per
  // row of generate_series and a range scan of the primary key for each: no sort of the whole log.
  const chunk = (from: number, to: number) =>
    client.query<{ idx: string; hashes: Buffer }>({
      text: `INSERT INTO merkle_tiles (level, idx, hashes)
             SELECT 0, i, (SELECT string_agg(sha256('\\x00'::bytea || decode(e.hash, 'hex')), ''::bytea ORDER BY e.position)
                           FROM events e WHERE e.position > i * ${TILE_WIDTH} AND e.position <= least((i + 1) * ${TILE_WIDTH}, $3::bigint))
             FROM generate_series($1::bigint, $2::bigint) AS i
             RETURNING idx, hashes`,
      values: [from, to - 1, size],
    });
  // Level L's entries, as 32-byte hashes concatenated: level 1 gets the root of every full level-0 tile.
  const above: Buffer[] = [];
  let pending = tileCount > 0 ? chunk(0, Math.min(TILES_PER_CHUNK, tileCount)) : undefined;
  for (let from = 0; pending; from += TILES_PER_CHUNK) {
    const result = await pending;
    const to = Math.min(from + TILES_PER_CHUNK, tileCount);
    // Asked for before this chunk is hashed: PostgreSQL hashes the next leaves while Node hashes these nodes.
    pending = to < tileCount ? chunk(to, Math.min(to + TILES_PER_CHUNK, tileCount)) : undefined;
    const tiles = result.rows.map((r) => ({ index: Number(r.idx), hashes: r.hashes })).sort((a, b) => a.index - b.index);
    for (const t of tiles) {
      const expected = Math.min(TILE_WIDTH, size - t.index * TILE_WIDTH) * HASH;
      // Counted above; checked again because the whole tree rests on every tile holding exactly its leaves.
      if (t.hashes.length !== expected) throw new Error(`tile ${t.index} holds ${t.hashes.length / HASH} leaves, not ${expected / HASH}`);
      if (t.hashes.length === TILE_WIDTH * HASH) above.push(fullTileRoot(t.hashes));
    }
    options.onProgress?.(Math.min(to * TILE_WIDTH, size));
  }
  // The levels above: a few thousand entries at most, in memory, written in one statement.
  const rowsAbove: { level: number; index: number; hashes: Buffer }[] = [];
  let entries = Buffer.concat(above);
  for (let level = 1; entries.length > 0; level += 1) {
    const next: Buffer[] = [];
    for (let start = 0, index = 0; start < entries.length; start += TILE_WIDTH * HASH, index += 1) {
      const hashes = entries.subarray(start, start + TILE_WIDTH * HASH);
      rowsAbove.push({ level, index, hashes });
      if (hashes.length === TILE_WIDTH * HASH) next.push(fullTileRoot(hashes));
    }
    entries = Buffer.concat(next);
  }
  if (rowsAbove.length > 0) {
    await client.query('INSERT INTO merkle_tiles (level, idx, hashes) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])', [
      rowsAbove.map((t) => t.level),
      rowsAbove.map((t) => t.index),
      rowsAbove.map((t) => t.hashes),
    ]);
  }
  return { size, last: size };
}

async function rebuildFromLeaves(
  client: pg.PoolClient,
  leaves: LeafSource,
  options: { gapFree: boolean; batchSize?: number; onProgress?: (done: number) => void },
): Promise<{ size: number; last: number }> {
  const appender = new TileAppender(0, new Map());
  let last = 0;
  const batch = options.batchSize ?? 50_000;
  // The next batch is asked for before this one is hashed: the log is read while we hash (about twice the rate).
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
  return { size: appender.size, last };
}
