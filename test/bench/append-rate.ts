// Append rate of the PostgreSQL event store: single-event appends with 1, 10 and 20 concurrent writers, then one
// writer appending batches of 100 and 1,000 events, beside a raw multi-row INSERT of the same rows (no chain, no
// positions, no checks) as the floor to compare batches against.
// Usage: node dist/test/bench/append-rate.js [eventsPerCase=3000]; DATABASE_URL names a database whose name contains
// "test" (it gets migrated and appended to), else an embedded PostgreSQL is started in a temporary directory.
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { EventToAppend } from '../../libs/event-store/src/event-store.port.js';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { runMigrations } from '../../libs/persistence/src/data-source.js';
import { assertTestDatabase, withDatabase } from '../../libs/persistence/src/database-name.js';
import { startEmbeddedPostgres } from '../../libs/persistence/src/embedded-postgres.js';
import { LEDGER_APP_ROLE } from '../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../libs/persistence/src/pool.js';

async function database(): Promise<{ url: string; label: string; stop: () => Promise<void> }> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    assertTestDatabase(configured);
    return { url: configured, label: `${new URL(configured).host}${new URL(configured).pathname}`, stop: async () => undefined };
  }
  const root = await mkdtemp(join(tmpdir(), 'ledger-bench-pg-'));
  await chmod(root, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: join(root, 'data'), persistent: false });
  return {
    url: withDatabase(server.url, 'postgres'),
    label: `embedded on port ${server.port}`,
    stop: async () => {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

function benchEvent(w: number, i: number, of: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'MetricMeasured',
    schemaVersion: 1,
    occurredAt: '2017-10-05T09:30:00+08:00',
    actor: { unitId: 'bench', userId: 'bench' },
    evidence: [{ kind: 'system-record', ref: `bench-${w}-${i}` }],
    data: { unitId: `unit-${w}`, indicator: '2.2', numerator: i, denominator: of },
    unitId: `unit-${w}`,
  };
}

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** `writers` concurrent writers, each on its own stream with an exact expected revision, `batch` events per append. */
async function measure(store: PostgresEventStore, writers: number, total: number, batch = 1): Promise<number> {
  const run = randomUUID().slice(0, 8);
  const appendsEach = Math.ceil(total / writers / batch);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const streamId = `bench-${run}-${w}`;
      for (let i = 0; i < appendsEach; i += 1) {
        await store.append([
          {
            streamId,
            expectedRevision: i === 0 ? 'no_stream' : i * batch - 1,
            events: Array.from({ length: batch }, (_, k) => benchEvent(w, i * batch + k, appendsEach * batch)),
          },
        ]);
      }
    }),
  );
  return (appendsEach * batch * writers) / seconds(started);
}

/** The floor for batches: the same rows in one multi-row INSERT per batch into a plain table, as the owner. */
async function measureRawInsert(url: string, total: number, batch: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_raw_insert;
      CREATE TABLE bench_raw_insert (position bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, stream_id text NOT NULL,
        type text NOT NULL, schema_version int NOT NULL, occurred_at timestamptz NOT NULL, actor jsonb NOT NULL,
        evidence jsonb NOT NULL, data jsonb NOT NULL, unit_id text)`);
    const started = process.hrtime.bigint();
    for (let i = 0; i < Math.ceil(total / batch); i += 1) {
      const rows = Array.from({ length: batch }, (_, k) => {
        const e = benchEvent(0, i * batch + k, total);
        return { event_id: e.eventId, stream_id: 'raw', type: e.type, schema_version: 1, occurred_at: e.occurredAt, actor: e.actor, evidence: e.evidence, data: e.data, unit_id: e.unitId };
      });
      await client.query(
        `INSERT INTO bench_raw_insert (event_id, stream_id, type, schema_version, occurred_at, actor, evidence, data, unit_id)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS e(event_id uuid, stream_id text, type text, schema_version int,
           occurred_at timestamptz, actor jsonb, evidence jsonb, data jsonb, unit_id text)`,
        [JSON.stringify(rows)],
      );
    }
    const rate = (Math.ceil(total / batch) * batch) / seconds(started);
    await client.query('DROP TABLE bench_raw_insert');
    return rate;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 3000);
  const db = await database();
  try {
    await runMigrations(db.url);
    const pool = createPool(db.url, { appRole: LEDGER_APP_ROLE, max: 20 });
    const store = new PostgresEventStore(pool);
    const line = (label: string, rate: number, unit = 'events/s') =>
      process.stdout.write(`  ${label.padEnd(34)} ${String(Math.round(rate)).padStart(7)} ${unit}\n`);
    try {
      await measure(store, 4, 200); // warm-up: connections, plans, caches
      process.stdout.write(`append-rate on ${db.label}, ${total} events per case\n`);
      for (const writers of [1, 10, 20]) line(`single-event, ${writers} writer(s)`, await measure(store, writers, total));
      for (const batch of [100, 1000]) {
        const events = Math.max(total, batch * 5);
        line(`batches of ${batch}, 1 writer`, await measure(store, 1, events, batch));
        line(`raw multi-row INSERT of ${batch}`, await measureRawInsert(db.url, events, batch), 'rows/s');
      }
    } finally {
      await store.close();
      await pool.end();
    }
  } finally {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
