// A quick look before migrating: one query on the migrations table. When nothing is pending (every command after
// the first), TypeORM is never loaded, which is most of a short CLI command's start-up time.
import pg from 'pg';
import { MIGRATIONS } from './migrations/index.js';

const UNDEFINED_TABLE = '42P01';

export async function hasPendingMigrations(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations');
    const applied = new Set(rows.map((r) => r.name));
    return MIGRATIONS.some((m) => !applied.has(new m().name));
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return true;
    throw error;
  } finally {
    await client.end();
  }
}

/** Runs pending migrations (under the advisory lock of runMigrations) only if there are any. */
export async function migrateIfNeeded(url: string): Promise<void> {
  if (!(await hasPendingMigrations(url))) return;
  const { runMigrations } = await import('./data-source.js');
  await runMigrations(url);
}
