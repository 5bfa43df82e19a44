// The PostgreSQL server the benchmarks run on, and the databases they create on it. DATABASE_URL only names the
// server: every workload works in a database of its own named bench_<something>_test, created and dropped here;
// without DATABASE_URL an embedded PostgreSQL is started on a persistent data directory (.data/bench/pg), so cached
// ledgers survive for --reuse.
import { chmod, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import { assertTestDatabase, databaseNameOf, withDatabase } from '../../../libs/persistence/src/database-name.js';
import { startEmbeddedPostgres } from '../../../libs/persistence/src/embedded-postgres.js';

export interface BenchServer {
  /** Connection string of the server's maintenance database (postgres); pass it to benchDatabase. */
  url: string;
  label: string;
  stop(): Promise<void>;
}

export const BENCH_DATA_DIR = resolve('.data/bench');

export async function openBenchServer(): Promise<BenchServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    // Pointing at the maintenance database says "create your own"; anything else must be a test database.
    if (databaseNameOf(configured) !== 'postgres') assertTestDatabase(configured);
    const u = new URL(configured);
    return { url: withDatabase(configured, 'postgres'), label: `PostgreSQL at ${u.host}`, stop: async () => undefined };
  }
  await mkdir(BENCH_DATA_DIR, { recursive: true });
  await chmod(BENCH_DATA_DIR, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: resolve(BENCH_DATA_DIR, 'pg'), persistent: true });
  return { url: withDatabase(server.url, 'postgres'), label: `embedded PostgreSQL on port ${server.port}`, stop: () => server.stop() };
}

/** The connection string of one of the bench's own databases (bench_<name>_test) on the server. */
export function benchDatabase(serverUrl: string, name: string): string {
  if (!/^bench_[a-z0-9_]+_test$/.test(name)) throw new Error(`bench databases are named bench_…_test, not "${name}"`);
  return withDatabase(serverUrl, name);
}

async function onServer<T>(url: string, work: (admin: pg.Client, name: string) => Promise<T>): Promise<T> {
  assertTestDatabase(url);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    return await work(admin, databaseNameOf(url));
  } finally {
    await admin.end();
  }
}

export async function recreateDatabase(url: string): Promise<void> {
  await onServer(url, async (admin, name) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
}

export async function dropDatabase(url: string): Promise<void> {
  await onServer(url, (admin, name) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function databaseExists(url: string): Promise<boolean> {
  return onServer(url, async (admin, name) => ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0);
}

/** One query as the login role, on a short-lived connection. */
export async function queryOnce<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}
