// `npm run bench:integrity [-- --quick] [-- --only=append|proofs]` — the figures of issue 15:
//   1. append throughput with the Merkle tree follower running against without it (10 writers, one event per
//      append and 1,000-event batches), alternated twice each, medians;
//   2. inclusion and consistency proof latency (p50/p99, MerkleTreeStore: one query + hashing) at 1,000,000 entries
//      (--quick: 100,000);
//   3. tree rebuild rate from the events table (`ledger rebuild --tree`'s code).
// For 2 and 3 the events table is filled by one INSERT … SELECT with synthetic rows (the tree reads only position
// and hash), so the figure is the tree's, not the generator's. Works in bench_integrity_*_test databases.
import { randomInt } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { followTree, MerkleTreeStore, postgresLeaves } from '../../libs/integrity/src/postgres/merkle-tree.store.js';
import { rebuildTree } from '../../libs/integrity/src/postgres/rebuild-tree.js';
import { runMigrations } from '../../libs/persistence/src/data-source.js';
import { LEDGER_APP_ROLE } from '../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../libs/persistence/src/pool.js';
import { measureStoreAppends } from './support/append-workloads.js';
import { benchDatabase, dropDatabase, openBenchServer, recreateDatabase } from './support/database.js';
import { median, percentile, say } from './support/time.js';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Appends with and without a follower keeping the tree, alternated so drift in machine load hits both. */
async function appendCost(serverUrl: string, quick: boolean): Promise<Record<string, unknown>> {
  const url = benchDatabase(serverUrl, 'bench_integrity_append_test');
  await recreateDatabase(url);
  await runMigrations(url);
  const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max: 20 });
  const store = new PostgresEventStore(pool, { listen: true });
  const tree = MerkleTreeStore.forStore(pool, store);
  const out: Record<string, unknown> = {};
  try {
    for (const [label, batch, total] of [['10 writers, one event per append', 1, quick ? 2_000 : 20_000], ['10 writers, 1,000-event batches', 1000, quick ? 40_000 : 200_000]] as const) {
      const without: number[] = [];
      const withTree: number[] = [];
      for (let round = 0; round < 2; round += 1) {
        await tree.sync();
        without.push(await measureStoreAppends(store, 10, total, batch));
        await tree.sync();
        // The follower as the API runs it (followTree): a sync of everything committed, every 250 ms at most.
        const abort = new AbortController();
        const follower = followTree(tree, abort.signal);
        withTree.push(await measureStoreAppends(store, 10, total, batch));
        const lagStarted = performance.now();
        const head = (await store.head()).position;
        while ((await tree.state()).size < head) await new Promise((r) => setTimeout(r, 20));
        const lag = performance.now() - lagStarted;
        abort.abort();
        await follower;
        say(`  ${label}, round ${round + 1}: without ${fmt(without.at(-1)!)} events/s, with the tree ${fmt(withTree.at(-1)!)} events/s (tree caught up ${Math.round(lag)} ms after the last append)`);
      }
      const a = median(without);
      const b = median(withTree);
      out[label] = { withoutTree: Math.round(a), withTree: Math.round(b), cost: `${(((a - b) / a) * 100).toFixed(1)} %` };
      say(`append, ${label}: ${fmt(a)} → ${fmt(b)} events/s with the tree (${(((a - b) / a) * 100).toFixed(1)} % cost)`);
    }
  } finally {
    await store.close();
    await pool.end();
    await dropDatabase(url);
  }
  return out;
}

async function proofsAndRebuild(serverUrl: string, size: number): Promise<Record<string, unknown>> {
  const url = benchDatabase(serverUrl, 'bench_integrity_tree_test');
  await recreateDatabase(url);
  await runMigrations(url);
  const owner = new pg.Pool({ connectionString: url, max: 2 });
  const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max: 4 });
  try {
    say(`filling ${fmt(size)} synthetic events…`);
    await owner.query(`
      INSERT INTO events (position, event_id, stream_id, stream_revision, type, schema_version, occurred_at, occurred_at_text,
                          recorded_at, actor, evidence, data, unit_id, hash, prev_hash)
      SELECT g, gen_random_uuid(), 'bench-' || (g % 5000), g / 5000, 'MetricMeasured', 1, now(), '2017-10-05T09:30:00+08:00',
             date_trunc('milliseconds', now()), '{}', '[]', '{}', NULL, encode(sha256(g::text::bytea), 'hex'), repeat('0', 64)
      FROM generate_series(1, $1::bigint) AS g`, [size]);
    await owner.query('UPDATE ledger_head SET position = $1', [size]);
    // As autovacuum would have by now on a real ledger: without statistics the keyset reads may not use the index.
    await owner.query('ANALYZE events');

    const rebuilds: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      const report = await rebuildTree(owner, postgresLeaves, { gapFree: true });
      rebuilds.push((report.size * 1000) / report.millis);
      say(`  rebuild ${i + 1}: ${fmt(report.size)} entries in ${(report.millis / 1000).toFixed(2)} s = ${fmt(rebuilds.at(-1)!)} events/s`);
    }
    const tree = new MerkleTreeStore(pool, { leaves: postgresLeaves, gapFree: true });
    const time = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    const samples = 1000;
    const inclusion: number[] = [];
    const consistency: number[] = [];
    for (let i = 0; i < 50; i += 1) await tree.inclusion(randomInt(size), size); // warm-up
    for (let i = 0; i < samples; i += 1) {
      const n = size - randomInt(Math.min(size, 1000));
      inclusion.push(await time(() => tree.inclusion(randomInt(n), n)));
      consistency.push(await time(() => tree.consistency(1 + randomInt(n - 1), n)));
    }
    const figures = {
      size,
      rebuildEventsPerSecond: Math.round(median(rebuilds)),
      inclusionMs: { p50: +percentile(inclusion, 50).toFixed(2), p99: +percentile(inclusion, 99).toFixed(2) },
      consistencyMs: { p50: +percentile(consistency, 50).toFixed(2), p99: +percentile(consistency, 99).toFixed(2) },
    };
    say(`proofs at ${fmt(size)} entries: inclusion p50 ${figures.inclusionMs.p50} ms, p99 ${figures.inclusionMs.p99} ms; consistency p50 ${figures.consistencyMs.p50} ms, p99 ${figures.consistencyMs.p99} ms`);
    say(`tree rebuild: ${fmt(figures.rebuildEventsPerSecond)} events/s`);
    return figures;
  } finally {
    await pool.end();
    await owner.end();
    await dropDatabase(url);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  for (const a of args) if (a !== '--quick' && a !== '--only=append' && a !== '--only=proofs') throw new Error(`unknown argument ${a} (--quick, --only=append|proofs)`);
  const quick = args.includes('--quick');
  const only = args.find((a) => a.startsWith('--only='))?.slice(7);
  const server = await openBenchServer();
  try {
    say(`integrity bench on ${server.label}${quick ? ', --quick' : ''}`);
    const result: Record<string, unknown> = { quick };
    if (only !== 'proofs') result.append = await appendCost(server.url, quick);
    if (only !== 'append') result.tree = await proofsAndRebuild(server.url, quick ? 100_000 : 1_000_000);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
