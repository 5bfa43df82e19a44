// The Merkle tree of the log in PostgreSQL (docs/adr/0015): a follower, not part of the append transaction. It
// extends the tree from the events after its last position, in transactions serialized by the merkle_tree row, so
// any number of processes may sync it; a checkpoint is only ever signed for a size the tree has reached.
import type pg from 'pg';
import type { EventStore } from '../../../event-store/src/event-store.port.js';
import { withRollback } from '../../../persistence/src/transaction.js';
import {
  consistencyProof,
  consistencyProofRanges,
  inclusionProof,
  inclusionProofRanges,
  nodesOfRanges,
  treeHash,
  type Hash,
} from '../merkle.js';
import { eventLeafHash } from '../proof-bundle.js';
import { TILE_WIDTH, TileAppender, TileCache, TileNodeSource, TilePyramid, edgeTiles, tileKey, tileNeeds, tilesOf, type TileId } from '../tiles.js';

export interface TreeState {
  size: number;
  lastPosition: number;
}

export interface LeafSource {
  /** Entries after a position, in log order: their position and event hash (hex). */
  (client: pg.PoolClient, after: number, limit: number): Promise<{ position: number; hash: string }[]>;
}

/** On PostgreSQL the events are beside the tree: read just position and hash, in the tree's own transaction. */
export const postgresLeaves: LeafSource = async (client, after, limit) => {
  const { rows } = await client.query<{ position: string; hash: string }>(
    'SELECT position, hash FROM events WHERE position > $1 ORDER BY position LIMIT $2',
    [after, limit],
  );
  return rows.map((r) => ({ position: Number(r.position), hash: r.hash }));
};

/** Any other store (EventStoreDB): through the port. */
export const storeLeaves = (store: EventStore): LeafSource => async (_client, after, limit) =>
  (await store.readAll({ after, limit })).map((e) => ({ position: e.position, hash: e.hash }));

export class TreeBehindError extends Error {
  override readonly name = 'TreeBehindError';
}

const BATCH = 10_000;

/**
 * Tiles kept in memory by default: 4,096 × 8 KiB = 32 MiB (every tile of a million-entry tree), and at most as much
 * again for the subtrees hashed in those that proofs used (TilePyramid).
 */
const CACHED_TILES = 4096;

export class MerkleTreeStore {
  private appender: TileAppender | undefined;
  private readonly cache: TileCache;
  /** The largest tree size read from merkle_tree: the stored tree only grows, so every size up to it is there. */
  private reached = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: { leaves: LeafSource; gapFree: boolean; batchSize?: number; cachedTiles?: number },
  ) {
    this.cache = new TileCache(options.cachedTiles ?? CACHED_TILES);
  }

  /**
   * Loads the newest full tiles (the top levels first) into memory, as many as the cache holds: a process that
   * serves proofs calls it once at start, so that a proof then reads at most the edge tiles (docs/adr/0015).
   * Returns how many tiles it loaded.
   */
  async warm(): Promise<number> {
    if (this.cache.maxTiles <= 0) return 0;
    const { rows } = await this.pool.query<{ level: number; idx: string; hashes: Buffer }>(
      // length() of a stored bytea reads its header, not its bytes.
      `SELECT level, idx, hashes FROM merkle_tiles WHERE length(hashes) = ${TILE_WIDTH * 32} ORDER BY level DESC, idx DESC LIMIT $1`,
      [this.cache.maxTiles],
    );
    // The least wanted first: the least recently used is evicted first.
    for (const r of rows.reverse()) this.cache.put({ level: r.level, index: Number(r.idx) }, r.hashes);
    return rows.length;
  }

  /** A size the tree is known to have reached (it only grows): proofs up to it need no sync first. */
  get knownSize(): number {
    return this.reached;
  }

  private saw(size: number): void {
    if (size > this.reached) this.reached = size;
  }

  /**
   * Forgets the tiles and the size read so far: for a process that rebuilt the tree (`ledger rebuild --tree`)
   * and keeps serving proofs. Stored tiles otherwise never change, so nothing else needs it.
   */
  forget(): void {
    this.cache.clear();
    this.reached = 0;
    this.appender = undefined;
  }

  static forStore(pool: pg.Pool, store: EventStore): MerkleTreeStore {
    // Gap-free positions mean the PostgreSQL adapter, whose events table sits beside the tree.
    const gapFree = store.positionsAreGapFree !== false;
    return new MerkleTreeStore(pool, { leaves: gapFree ? postgresLeaves : storeLeaves(store), gapFree });
  }

  async state(client: pg.Pool | pg.PoolClient = this.pool): Promise<TreeState> {
    const { rows } = await client.query<{ size: string; last_position: string }>({ name: 'merkle-state', text: 'SELECT size, last_position FROM merkle_tree WHERE id' });
    this.saw(Number(rows[0].size));
    return { size: Number(rows[0].size), lastPosition: Number(rows[0].last_position) };
  }

  /**
   * On PostgreSQL: the tree's state and the ledger's head in one read, no lock. Every proof and checkpoint syncs
   * first, and most find the tree already at the head; taking the merkle_tree row lock (and a transaction) for
   * that made concurrent proofs queue behind each other and behind the follower.
   */
  private async caughtUp(through: number): Promise<TreeState | undefined> {
    if (this.options.leaves !== postgresLeaves) return undefined;
    const { rows } = await this.pool.query<{ size: string; last_position: string; head: string }>({
      name: 'merkle-caught-up',
      text: 'SELECT m.size, m.last_position, h.position AS head FROM merkle_tree m CROSS JOIN ledger_head h WHERE m.id AND h.id',
    });
    const state = { size: Number(rows[0].size), lastPosition: Number(rows[0].last_position) };
    this.saw(state.size);
    return state.lastPosition >= Math.min(Number(rows[0].head), through) ? state : undefined;
  }

  /**
   * Extends the tree with every event committed after its last position when it is called (or until `through`),
   * batch by batch, each batch its own transaction under the merkle_tree row lock. Returns the state reached.
   */
  async sync(through = Infinity): Promise<TreeState> {
    const done = await this.caughtUp(through);
    if (done) return done;
    for (;;) {
      const { state, appended } = await withRollback(this.pool, (client) => this.syncBatch(client, through));
      // A batch that was not full took everything committed when it read: done, rather than chasing writers forever.
      if (appended < (this.options.batchSize ?? BATCH)) return state;
    }
  }

  private async syncBatch(client: pg.PoolClient, through: number): Promise<{ state: TreeState; appended: number }> {
    await client.query('BEGIN');
    const { rows } = await client.query<{ size: string; last_position: string }>('SELECT size, last_position FROM merkle_tree WHERE id FOR UPDATE');
    const state = { size: Number(rows[0].size), lastPosition: Number(rows[0].last_position) };
    if (state.lastPosition >= through) {
      await client.query('COMMIT');
      return { state, appended: 0 };
    }
    const leaves = (await this.options.leaves(client, state.lastPosition, this.options.batchSize ?? BATCH)).filter((l) => l.position <= through);
    if (leaves.length === 0) {
      await client.query('COMMIT');
      return { state, appended: 0 };
    }
    if (this.options.gapFree && leaves[0].position !== state.size + 1) {
      throw new Error(`the log skips from entry ${state.size} to position ${leaves[0].position}: the tree cannot follow a log with a gap`);
    }
    const appender = await this.appenderAt(client, state.size);
    for (const leaf of leaves) appender.append(eventLeafHash(leaf.hash));
    const tiles = appender.takeChanges();
    const last = leaves[leaves.length - 1].position;
    await client.query(
      `INSERT INTO merkle_tiles (level, idx, hashes) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])
       ON CONFLICT (level, idx) DO UPDATE SET hashes = EXCLUDED.hashes WHERE merkle_tiles.hashes IS DISTINCT FROM EXCLUDED.hashes`,
      [tiles.map((t) => t.level), tiles.map((t) => t.index), tiles.map((t) => t.hashes)],
    );
    if (!this.options.gapFree) {
      await client.query(
        'INSERT INTO merkle_leaf_positions (leaf_index, position) SELECT * FROM unnest($1::bigint[], $2::bigint[])',
        [leaves.map((_, i) => state.size + i), leaves.map((l) => l.position)],
      );
    }
    await client.query('UPDATE merkle_tree SET size = $1, last_position = $2 WHERE id', [appender.size, last]);
    await client.query('COMMIT');
    this.saw(appender.size);
    return { state: { size: appender.size, lastPosition: last }, appended: leaves.length };
  }

  /** The in-memory edge, reloaded when another process moved the tree since (or this one rolled back). */
  private async appenderAt(client: pg.PoolClient, size: number): Promise<TileAppender> {
    if (this.appender?.size === size) return this.appender;
    this.appender = undefined;
    const edge = edgeTiles(size);
    const tiles = await this.fetchTiles(edge, client);
    this.appender = new TileAppender(size, new Map(tiles.map((t) => [tileKey(t), t.hashes])));
    return this.appender;
  }

  /** One query for every tile needed. */
  private async fetchTiles(ids: TileId[], client: pg.Pool | pg.PoolClient = this.pool): Promise<(TileId & { hashes: Buffer })[]> {
    if (ids.length === 0) return [];
    const { rows } = await client.query<{ level: number; idx: string; hashes: Buffer }>(
      `SELECT t.level, t.idx, t.hashes FROM merkle_tiles t
       JOIN unnest($1::smallint[], $2::bigint[]) AS w(level, idx) ON t.level = w.level AND t.idx = w.idx`,
      [ids.map((t) => t.level), ids.map((t) => t.index)],
    );
    return rows.map((r) => ({ level: r.level, index: Number(r.idx), hashes: r.hashes }));
  }

  /**
   * The tiles a proof over `ranges` reads. Those in memory are not read again (a stored tile only grows); the rest
   * and the tree's size come in ONE query by primary key, a prepared statement. None when every tile is in memory
   * and the tree is known to have reached `size`. Refuses a size the tree lacks.
   */
  private async sourceFor(ranges: [number, number][], size: number): Promise<TileNodeSource> {
    const tiles: (TileId & { pyramid: TilePyramid })[] = [];
    const missing: TileId[] = [];
    for (const need of tileNeeds(nodesOfRanges(ranges))) {
      const pyramid = this.cache.get(need, need.entries);
      if (pyramid) tiles.push({ level: need.level, index: need.index, pyramid });
      else missing.push(need);
    }
    if (missing.length === 0 && size <= this.reached) return new TileNodeSource(tiles);
    const { rows } = await this.pool.query<{ size: string | null; level: number | null; idx: string | null; hashes: Buffer | null }>({
      name: 'merkle-proof-tiles',
      // OFFSET 0 keeps the lateral subquery a subquery: one primary-key lookup per tile, whatever the row estimates.
      text: `SELECT m.size, NULL::smallint AS level, NULL::bigint AS idx, NULL::bytea AS hashes FROM merkle_tree m WHERE m.id
             UNION ALL
             SELECT NULL, t.level, t.idx, t.hashes FROM unnest($1::smallint[], $2::bigint[]) AS w(level, idx)
             CROSS JOIN LATERAL (SELECT level, idx, hashes FROM merkle_tiles WHERE level = w.level AND idx = w.idx OFFSET 0) AS t`,
      values: [missing.map((t) => t.level), missing.map((t) => t.index)],
    });
    const stored = Number(rows.find((r) => r.size !== null)!.size);
    this.saw(stored);
    if (size > stored) throw new TreeBehindError(`the tree has ${stored} entries, not ${size}`);
    for (const r of rows) {
      if (r.hashes === null) continue;
      const id = { level: r.level!, index: Number(r.idx) };
      tiles.push({ ...id, pyramid: this.cache.put(id, r.hashes) });
    }
    return new TileNodeSource(tiles);
  }

  async rootAt(size: number): Promise<Hash> {
    return treeHash(await this.sourceFor(size > 0 ? [[0, size]] : [], size), size);
  }

  async inclusion(leafIndex: number, size: number): Promise<Hash[]> {
    const ranges = inclusionProofRanges(leafIndex, size);
    return inclusionProof(await this.sourceFor(ranges, size), leafIndex, size);
  }

  async consistency(from: number, to: number): Promise<Hash[]> {
    const ranges = consistencyProofRanges(from, to);
    return consistencyProof(await this.sourceFor(ranges, to), from, to);
  }

  /** Stored leaf hashes of entries [from, to): what the tree recorded when they were appended. */
  async leafHashes(from: number, to: number): Promise<Hash[]> {
    const nodes = [];
    for (let i = from; i < to; i += 1) nodes.push({ level: 0, index: i });
    const source = new TileNodeSource(await this.fetchTiles(tilesOf(nodes)));
    return nodes.map((n) => source.node(0, n.index));
  }

  /** The entry of a log position, or undefined when the tree has not reached it. */
  async leafIndexOf(position: number): Promise<number | undefined> {
    if (this.options.gapFree) return position - 1;
    const { rows } = await this.pool.query<{ leaf_index: string }>('SELECT leaf_index FROM merkle_leaf_positions WHERE position = $1', [position]);
    return rows[0] ? Number(rows[0].leaf_index) : undefined;
  }
}

/**
 * The background follower: syncs, then sleeps `intervalMs`, until aborted. Coalescing many commits into one sync
 * keeps its cost off the appenders (docs/adr/0015); checkpoints and proofs sync on demand, so the pause never makes
 * one stale. A failed sync is reported and retried at the next tick.
 */
export async function followTree(tree: MerkleTreeStore, signal: AbortSignal, options: { intervalMs?: number; onError?: (e: unknown) => void } = {}): Promise<void> {
  const interval = options.intervalMs ?? 250;
  while (!signal.aborted) {
    await tree.sync().catch((e) => options.onError?.(e));
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, interval);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}
