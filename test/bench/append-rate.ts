// Append rate of the PostgreSQL event store: single-event appends, 1 writer, then 20 concurrent writers.
// Usage: node dist/test/bench/append-rate.js [eventsPerCase=3000]; DATABASE_URL names a database whose name contains
// "test" (it gets migrated and appended to), else an embedded PostgreSQL is started in a temporary directory.
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

async function measure(store: PostgresEventStore, writers: number, total: number): Promise<number> {
  const run = randomUUID().slice(0, 8);
  const each = Math.ceil(total / writers);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const streamId = `bench-${run}-${w}`;
      for (let i = 0; i < each; i += 1) {
        await store.append([
          {
            streamId,
            expectedRevision: i === 0 ? 'no_stream' : i - 1,
            events: [
              {
                eventId: randomUUID(),
                type: 'MetricMeasured',
                schemaVersion: 1,
                occurredAt: '2017-10-05T09:30:00+08:00',
                actor: { unitId: 'bench', userId: 'bench' },
                evidence: [{ kind: 'system-record', ref: `bench-${w}-${i}` }],
                data: { unitId: `unit-${w}`, indicator: '2.2', numerator: i, denominator: each },
                unitId: `unit-${w}`,
              },
            ],
          },
        ]);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (each * writers) / seconds;
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 3000);
  const db = await database();
  try {
    await runMigrations(db.url);
    const pool = createPool(db.url, { appRole: LEDGER_APP_ROLE, max: 20 });
    const store = new PostgresEventStore(pool);
    try {
      await measure(store, 4, 200); // warm-up: connections, plans, caches
      process.stdout.write(`append-rate on ${db.label}, single-event appends, ${total} events per case\n`);
      for (const writers of [1, 20]) {
        const rate = await measure(store, writers, total);
        process.stdout.write(`  ${String(writers).padStart(2)} writer(s): ${Math.round(rate)} events/s\n`);
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
