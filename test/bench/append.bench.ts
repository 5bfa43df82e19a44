// Workload 1, append at the store level: single-event appends with 1 and 10 concurrent writers, batches of 100 and
// 1,000 events (one writer), each on our PostgreSQL store, on Emmett's PostgreSQL event store and as a raw multi-row
// INSERT into a copy of our events table (the floor), in one database of its own on the same server.
import { getPostgreSQLEventStore, type PostgresEventStore as EmmettStore } from '@event-driven-io/emmett-postgresql';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { runMigrations } from '../../libs/persistence/src/data-source.js';
import { LEDGER_APP_ROLE } from '../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../libs/persistence/src/pool.js';
import { appendsPerWriter, benchEvent, measureRawInsert, measureStoreAppends } from './support/append-workloads.js';
import { benchDatabase, dropDatabase, recreateDatabase } from './support/database.js';
import { fmt, ratio, type Figure, type Target, type WorkloadResult } from './support/report.js';
import { say, seconds } from './support/time.js';

export interface AppendCase {
  name: string;
  writers: number;
  batch: number;
  events: number;
}

export function appendCases(quick: boolean): AppendCase[] {
  const scale = quick ? 0.1 : 1;
  return [
    { name: 'single-event, 1 writer', writers: 1, batch: 1, events: Math.round(2_000 * scale) },
    { name: 'single-event, 10 writers', writers: 10, batch: 1, events: Math.round(10_000 * scale) },
    { name: 'batches of 100, 1 writer', writers: 1, batch: 100, events: Math.round(30_000 * scale) },
    { name: 'batches of 1,000, 1 writer', writers: 1, batch: 1000, events: Math.round(50_000 * scale) },
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
  const url = benchDatabase(serverUrl, 'bench_append_test');
  await recreateDatabase(url);
  await runMigrations(url);
  const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max: 20 });
  const ours = new PostgresEventStore(pool, { listen: false });
  const emmett = getPostgreSQLEventStore(url);
  const figures: Figure[] = [];
  const data: Record<string, unknown> = {};
  const rates: Record<string, { ours: number; emmett: number; raw: number }> = {};
  try {
    // Warm-up of all three: connections, plans, Emmett's schema, JIT.
    await measureStoreAppends(ours, 4, 200);
    await measureEmmett(emmett, 4, 200, 1);
    await measureRawInsert(url, 4, 200, 1);
    for (const c of appendCases(options.quick)) {
      say(`append: ${c.name}, ${c.events} events each on ours, Emmett, raw INSERT`);
      const r = {
        ours: await measureStoreAppends(ours, c.writers, c.events, c.batch),
        emmett: await measureEmmett(emmett, c.writers, c.events, c.batch),
        raw: await measureRawInsert(url, c.writers, c.events, c.batch),
      };
      rates[c.name] = r;
      data[c.name] = { ...c, oursEventsPerSecond: Math.round(r.ours), emmettEventsPerSecond: Math.round(r.emmett), rawRowsPerSecond: Math.round(r.raw), oursOverEmmett: ratio(r.ours, r.emmett), oursOverRaw: ratio(r.ours, r.raw) };
      figures.push({
        workload: 'append (store)',
        case: c.name,
        value: r.ours,
        unit: 'events/s',
        note: `Emmett ${fmt(r.emmett)}, raw INSERT ${fmt(r.raw)} rows/s; ours/Emmett ${ratio(r.ours, r.emmett)}×, ours/raw ${ratio(r.ours, r.raw)}×`,
      });
    }
  } finally {
    await emmett.close();
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
