// The stored tree on a real PostgreSQL: proofs it produces for every m ≤ n ≤ 64 verify and equal the naive RFC
// transcription, a follower in uneven batches and a rebuild give the same tiles, the app role cannot rewrite them,
// and a log with gaps (EventStoreDB) maps positions to entries.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { runMigrations } from '../../../persistence/src/data-source.js';
import { createPool } from '../../../persistence/src/pool.js';
import { LEDGER_APP_ROLE } from '../../../persistence/src/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database.js';
import { MemoryTree, leafHash, verifyConsistency, verifyInclusion } from '../merkle.js';
import { naiveMth, naivePath, naiveProof } from '../testing/naive-merkle.js';
import { MerkleTreeStore, postgresLeaves, type LeafSource } from './merkle-tree.store.js';
import { rebuildTree } from './rebuild-tree.js';

const hashOf = (i: number) => createHash('sha256').update(`event ${i}`).digest('hex');

/** A log of `n` entries at the given positions: what the follower reads, without the events table. */
const logOf = (positions: number[]): LeafSource => async (_client, after, limit) =>
  positions.filter((p) => p > after).slice(0, limit).map((position) => ({ position, hash: hashOf(position) }));

describe('MerkleTreeStore (PostgreSQL)', () => {
  let db: TestDatabase;
  let app: pg.Pool;
  let owner: pg.Pool;
  const N = 64;
  const positions = Array.from({ length: N }, (_, i) => i + 1);
  const inputs = positions.map((p) => Buffer.from(hashOf(p), 'hex'));

  beforeAll(async () => {
    db = await createTestDatabase('merkle_store');
    await runMigrations(db.url);
    app = createPool(db.url, { appRole: LEDGER_APP_ROLE, max: 4 });
    owner = createPool(db.url, { appRole: null, max: 2 });
  });
  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await db?.drop();
  });

  it('follows the log in uneven batches; proofs for every m ≤ n ≤ 64 verify and equal the RFC', async () => {
    const tree = new MerkleTreeStore(app, { leaves: logOf(positions), gapFree: true, batchSize: 7 });
    for (const through of [1, 2, 3, 17, 40, 63]) expect((await tree.sync(through)).size).toBe(through);
    // A second follower (another process) picks up where the first stopped.
    expect(await new MerkleTreeStore(app, { leaves: logOf(positions), gapFree: true, batchSize: 5 }).sync()).toEqual({ size: N, lastPosition: N });
    // Each size's proofs are asked for together (the pool's four connections), as concurrent readers would.
    for (let n = 1; n <= N; n += 1) {
      const root = await tree.rootAt(n);
      expect(root.equals(naiveMth(inputs.slice(0, n)))).toBe(true);
      const sizes = Array.from({ length: n + 1 }, (_, m) => m);
      const [inclusions, consistencies] = await Promise.all([
        Promise.all(sizes.slice(0, n).map((m) => tree.inclusion(m, n))),
        Promise.all(sizes.map((m) => tree.consistency(m, n))),
      ]);
      inclusions.forEach((proof, m) => {
        expect(proof).toEqual(naivePath(m, inputs.slice(0, n)));
        expect(verifyInclusion(m, n, leafHash(inputs[m]), proof, root)).toBe(true);
      });
      consistencies.forEach((proof, m) => {
        expect(proof).toEqual(naiveProof(m, inputs.slice(0, n)));
        expect(verifyConsistency(m, n, naiveMth(inputs.slice(0, m)), root, proof)).toBe(true);
      });
    }
    await expect(tree.rootAt(N + 1)).rejects.toThrow(/has 64 entries, not 65/);
  });

  it('is append-only for the application role: no delete, no truncate, no change of a stored hash, no shrinking', async () => {
    await expect(app.query('DELETE FROM merkle_tiles')).rejects.toThrow();
    await expect(app.query('TRUNCATE merkle_tiles')).rejects.toThrow();
    await expect(app.query(`UPDATE merkle_tiles SET hashes = overlay(hashes PLACING '\\x00'::bytea FROM 1) WHERE level = 0`)).rejects.toThrow(/append-only/);
    await expect(app.query('UPDATE merkle_tree SET size = 1, last_position = 1')).rejects.toThrow(/append-only/);
    await expect(app.query('DELETE FROM checkpoints')).rejects.toThrow();
    // Even the owner needs to disable the trigger first.
    await expect(owner.query('DELETE FROM merkle_tiles')).rejects.toThrow(/append-only/);
  });

  it('rebuilds the same tiles from the log as the owner', async () => {
    const before = (await owner.query('SELECT level, idx, hashes FROM merkle_tiles ORDER BY level, idx')).rows;
    const report = await rebuildTree(owner, logOf(positions), { gapFree: true, batchSize: 9 });
    expect(report.size).toBe(N);
    expect((await owner.query('SELECT level, idx, hashes FROM merkle_tiles ORDER BY level, idx')).rows).toEqual(before);
    expect((await new MerkleTreeStore(app, { leaves: logOf(positions), gapFree: true }).rootAt(N)).equals(naiveMth(inputs))).toBe(true);
  });

  it('with gaps in positions (EventStoreDB) numbers entries in log order and maps positions to them', async () => {
    const gappy = Array.from({ length: 20 }, (_, i) => 1000 + i * 37);
    await rebuildTree(owner, logOf(gappy), { gapFree: false });
    const tree = new MerkleTreeStore(app, { leaves: logOf([...gappy, 5000, 5100]), gapFree: false });
    expect(await tree.sync()).toEqual({ size: 22, lastPosition: 5100 });
    expect(await tree.leafIndexOf(1000 + 5 * 37)).toBe(5);
    expect(await tree.leafIndexOf(5100)).toBe(21);
    expect(await tree.leafIndexOf(1001)).toBeUndefined();
    const all = [...gappy, 5000, 5100].map((p) => Buffer.from(hashOf(p), 'hex'));
    expect((await tree.rootAt(22)).equals(naiveMth(all))).toBe(true);
  });
});

describe('the tree of a real events table: the follower and `ledger rebuild --tree` build the same tree', () => {
  let db: TestDatabase;
  let app: pg.Pool;
  let owner: pg.Pool;
  // Three tile levels, a partial tile at each: 65,536 + 3·256 + 17 entries.
  const N = 65_536 + 3 * 256 + 17;

  /** Events with synthetic hashes (the tree reads only position and hash), appended as a writer would: head too. */
  async function appendEvents(from: number, to: number): Promise<void> {
    await owner.query(
      `INSERT INTO events (position, event_id, stream_id, stream_revision, type, schema_version, occurred_at, occurred_at_text,
                           recorded_at, actor, evidence, data, unit_id, hash, prev_hash)
       SELECT g, gen_random_uuid(), 'tree-' || (g % 7), g / 7, 'MetricMeasured', 1, now(), '2017-10-05T09:30:00+08:00',
              date_trunc('milliseconds', now()), '{}', '[]', '{}', NULL, encode(sha256(g::text::bytea), 'hex'), repeat('0', 64)
       FROM generate_series($1::bigint, $2::bigint) AS g`,
      [from, to],
    );
    await owner.query('UPDATE ledger_head SET position = $1', [to]);
  }
  const inputOf = (position: number) => createHash('sha256').update(String(position)).digest();

  beforeAll(async () => {
    db = await createTestDatabase('merkle_rebuild');
    await runMigrations(db.url);
    app = createPool(db.url, { appRole: LEDGER_APP_ROLE, max: 4 });
    owner = createPool(db.url, { appRole: null, max: 2 });
  });
  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await db?.drop();
  });

  it('gives the same tiles and the same root at every size the follower stopped at (checkpointed sizes)', async () => {
    const follower = new MerkleTreeStore(app, { leaves: postgresLeaves, gapFree: true, batchSize: 9_973 });
    const memory = new MemoryTree();
    const roots = new Map<number, Buffer>();
    // The log grows in uneven steps; the follower catches up after each, and a checkpoint would be signed there.
    let head = 0;
    for (const size of [1, 255, 256, 257, 5_000, 65_535, 65_536, N]) {
      await appendEvents(head + 1, size);
      for (let p = head + 1; p <= size; p += 1) memory.appendLeaf(inputOf(p));
      head = size;
      expect(await follower.sync()).toEqual({ size, lastPosition: size });
      // Caught up: a second sync finds the tree at the head without a transaction and moves nothing.
      expect(await follower.sync()).toEqual({ size, lastPosition: size });
      roots.set(size, await follower.rootAt(size));
      expect(roots.get(size)!.equals(memory.root(size))).toBe(true);
    }
    const followed = (await owner.query('SELECT level, idx, hashes FROM merkle_tiles ORDER BY level, idx')).rows;

    const report = await rebuildTree(owner, postgresLeaves, { gapFree: true });
    expect(report.size).toBe(N);
    expect((await owner.query('SELECT level, idx, hashes FROM merkle_tiles ORDER BY level, idx')).rows).toEqual(followed);
    expect((await owner.query('SELECT size, last_position FROM merkle_tree')).rows).toEqual([{ size: String(N), last_position: String(N) }]);
    // A fresh store (no tiles in memory) reads the rebuilt tables.
    const rebuilt = new MerkleTreeStore(app, { leaves: postgresLeaves, gapFree: true });
    for (const [size, root] of roots) expect((await rebuilt.rootAt(size)).equals(root)).toBe(true);
    for (const [m, n] of [[0, N], [N - 1, N], [65_535, 65_536], [12_345, 66_000]]) {
      const proof = await rebuilt.inclusion(m, n);
      expect(proof).toEqual(await follower.inclusion(m, n));
      expect(verifyInclusion(m, n, leafHash(inputOf(m + 1)), proof, memory.root(n))).toBe(true);
    }
    // And the follower goes on from the rebuilt tree.
    await appendEvents(N + 1, N + 300);
    for (let p = N + 1; p <= N + 300; p += 1) memory.appendLeaf(inputOf(p));
    expect((await rebuilt.sync()).size).toBe(N + 300);
    expect((await rebuilt.rootAt(N + 300)).equals(memory.root())).toBe(true);
    expect(verifyConsistency(N, N + 300, roots.get(N)!, memory.root(), await rebuilt.consistency(N, N + 300))).toBe(true);
  });

  it('refuses to rebuild from a log with a gap, and leaves the tree as it was', async () => {
    const before = (await owner.query('SELECT level, idx, hashes FROM merkle_tiles ORDER BY level, idx')).rows;
    await appendEvents(N + 302, N + 302);
    await expect(rebuildTree(owner, postgresLeaves, { gapFree: true })).rejects.toThrow(/the log has a gap/);
    expect((await owner.query('SELECT level, idx, hashes FROM merkle_tiles ORDER BY level, idx')).rows).toEqual(before);
  });
});
