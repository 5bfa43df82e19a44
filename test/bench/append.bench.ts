// Workload 1, append at the store level: single-event appends with 1 and 10 concurrent writers, batches of 100 and
// 1,000 events (one writer), each on our PostgreSQL store, on Emmett's PostgreSQL event store and as a raw multi-row
// INSERT into a copy of our events table (the floor), in one database of its own on the same server.
import { getPostgreSQLEventStore, type PostgresEventStore as EmmettStore } from '@event-driven-io/emmett-postgresql';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { runMigrations } from '../../libs/persistence/src/data-source.js';
import { LEDGER_APP_ROLE } from '../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../libs/persistence/src/pool.js';
import { appendsPerWriter, benchEvent, measureRawInsert, measureStoreAppends } from './support/append-workloads.js';
import { benchDatabase, dropDatabase, recreateDatabase } from './support/database.js';
import { fmt, ratio, type Figure, type Target, type WorkloadResult } from './support/report.js';
import { median, say, seconds } from './support/time.js';

type Impl = 'ours' | 'emmett' | 'raw';
const IMPLS: readonly Impl[] = ['ours', 'emmett', 'raw'];

export interface AppendCase {
  name: string;
  writers: number;
  batch: number;
  /** Events per round and implementation. */
  events: number;
}

/**
 * Each case runs ROUNDS times, the three implementations one after the other in a rotating order, and each figure
 * is the median of its rounds: on a shared 2-vCPU VM one run alone swings by a factor of 2 with the neighbours' load.
 */
const ROUNDS = 3;

export function appendCases(quick: boolean): AppendCase[] {
  const scale = quick ? 0.1 : 1;
  return [
    { name: 'single-event, 1 writer', writers: 1, batch: 1, events: Math.round(1_000 * scale) },
    { name: 'single-event, 10 writers', writers: 10, batch: 1, events: Math.round(5_000 * scale) },
    { name: 'batches of 100, 1 writer', writers: 1, batch: 100, events: Math.round(20_000 * scale) },
    { name: 'batches of 1,000, 1 writer', writers: 1, batch: 1000, events: Math.round(30_000 * scale) },
  ];
}

/** The same workload on Emmett: each writer its own stream, the exact expected version of its previous append. */
async function measureEmmett(store: EmmettStore, writers: number, total: number, batch: number): Promise<number> {
  const run = randomUUID().slice(0, 8);
  const appendsEach = appendsPerWriter(writers, total, batch);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const stream = `bench-${run}-${w}`;
      let expected: bigint | typeof STREAM_DOES_NOT_EXIST = STREAM_DOES_NOT_EXIST;
      for (let i = 0; i < appendsEach; i += 1) {
        const events = Array.from({ length: batch }, (_, k) => {
          const e = benchEvent(w, i * batch + k, appendsEach * batch);
          // The same JSON as ours: the payload as data, the rest of the envelope as metadata.
          return {
            type: e.type,
            data: e.data,
            metadata: { eventId: e.eventId, schemaVersion: e.schemaVersion, occurredAt: e.occurredAt, actor: e.actor, evidence: e.evidence },
          };
        });
        const result: { nextExpectedStreamVersion: bigint } = await store.appendToStream(stream, events, { expectedStreamVersion: expected });
        expected = result.nextExpectedStreamVersion;
      }
    }),
  );
  return (appendsEach * batch * writers) / seconds(started);
}

export async function runAppendBench(serverUrl: string, options: { quick: boolean }): Promise<WorkloadResult> {
  const url = benchDatabase(serverUrl, `bench_append_${process.pid}_test`); // per run: two concurrent runs must not drop each other's database
  await recreateDatabase(url);
  await runMigrations(url);
  const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max: 20 });
  const ours = new PostgresEventStore(pool, { listen: false });
  // Emmett on a pool of ours, the same size as our store's: closed before the database is dropped, and with an error
  // handler (the drop's FORCE once killed an idle connection of Emmett's own pool and crashed the run).
  const emmettPool = new pg.Pool({ connectionString: url, max: 20 });
  emmettPool.on('error', () => undefined);
  const emmett = getPostgreSQLEventStore(url, { connectionOptions: { pooled: true, pool: emmettPool } });
  const figures: Figure[] = [];
  const data: Record<string, unknown> = {};
  const rates: Record<string, { ours: number; emmett: number; raw: number }> = {};
  try {
    // Warm-up of all three: connections, plans, Emmett's schema, JIT.
    await measureStoreAppends(ours, 4, 200);
    await measureEmmett(emmett, 4, 200, 1);
    await measureRawInsert(url, 4, 200, 1);
    for (const c of appendCases(options.quick)) {
      say(`append: ${c.name}, ${ROUNDS} rounds of ${c.events} events each on ours, Emmett, raw INSERT`);
      const runs: Record<Impl, () => Promise<number>> = {
        ours: () => measureStoreAppends(ours, c.writers, c.events, c.batch),
        emmett: () => measureEmmett(emmett, c.writers, c.events, c.batch),
        raw: () => measureRawInsert(url, c.writers, c.events, c.batch),
      };
      const rounds: Record<Impl, number[]> = { ours: [], emmett: [], raw: [] };
      for (let round = 0; round < ROUNDS; round += 1) {
        for (let k = 0; k < IMPLS.length; k += 1) {
          const impl = IMPLS[(round + k) % IMPLS.length];
          rounds[impl].push(Math.round(await runs[impl]()));
        }
      }
      const r = { ours: median(rounds.ours), emmett: median(rounds.emmett), raw: median(rounds.raw) };
      rates[c.name] = r;
      data[c.name] = { ...c, rounds, oursEventsPerSecond: Math.round(r.ours), emmettEventsPerSecond: Math.round(r.emmett), rawRowsPerSecond: Math.round(r.raw), oursOverEmmett: ratio(r.ours, r.emmett), oursOverRaw: ratio(r.ours, r.raw) };
      figures.push({
        workload: 'append (store)',
        case: c.name,
        value: r.ours,
        unit: 'events/s',
        note: `Emmett ${fmt(r.emmett)}, raw INSERT ${fmt(r.raw)} rows/s; ours/Emmett ${ratio(r.ours, r.emmett)}×, ours/raw ${ratio(r.ours, r.raw)}× (medians of ${ROUNDS}; ours ${fmt(Math.min(...rounds.ours))}–${fmt(Math.max(...rounds.ours))})`,
      });
    }
  } finally {
    await emmett.close();
    await emmettPool.end().catch(() => undefined);
    await ours.close();
    await pool.end();
    await dropDatabase(url);
  }
  const ten = rates['single-event, 10 writers'];
  const thousand = rates['batches of 1,000, 1 writer'];
  const targets: Target[] = [
    { name: '10-writer single-event append vs Emmett', goal: '≥ 1.5× Emmett', actual: `${ratio(ten.ours, ten.emmett)}× (${fmt(ten.ours)} vs ${fmt(ten.emmett)} events/s)`, pass: ten.ours >= 1.5 * ten.emmett },
    { name: '1,000-event batches vs raw INSERT', goal: '≥ 50% of raw', actual: `${Math.round((thousand.ours / thousand.raw) * 100)}% (${fmt(thousand.ours)} vs ${fmt(thousand.raw)} /s)`, pass: thousand.ours >= 0.5 * thousand.raw },
  ];
  return { figures, targets, data };
}
