// Append rate of the PostgreSQL event store: single-event appends with 1, 10 and 20 concurrent writers, then one
// writer appending batches of 100 and 1,000 events, beside raw multi-row INSERTs of the same rows (no chain, no
// lock, no checks) as the floors to compare batches against (see measureRawInsert).
// Usage: node dist/test/bench/append-rate.js [eventsPerCase=3000]; DATABASE_URL names a database whose name contains
// "test" (it gets migrated and appended to), else an embedded PostgreSQL is started in a temporary directory.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { runMigrations } from '../../libs/persistence/src/data-source.js';
import { assertTestDatabase, withDatabase } from '../../libs/persistence/src/database-name.js';
import { startEmbeddedPostgres } from '../../libs/persistence/src/embedded-postgres.js';
import { LEDGER_APP_ROLE } from '../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../libs/persistence/src/pool.js';
import { measureRawInsert, measureStoreAppends as measure } from './support/append-workloads.js';

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
        line(`raw INSERT of ${batch}, plain table`, await measureRawInsert(db.url, 1, events, batch, 'plain'), 'rows/s');
        line(`raw INSERT of ${batch}, events-like`, await measureRawInsert(db.url, 1, events, batch, 'events-like'), 'rows/s');
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
