// The TypeORM data source (read models, migrations; the event store uses the plain pg pool of pool.ts).
// The schema only ever changes through MIGRATIONS, never through TypeORM's synchronize.
import { DataSource, MigrationExecutor } from 'typeorm';
import { LEDGER_APP_ROLE, MIGRATIONS } from './migrations/index.js';

export interface ConnectionOptions {
  /**
   * The role every connection acts as (default `ledger_app`, which may not change events); null keeps the login
   * role, as migrations need. Set at connection start-up, so it holds from the first query and survives RESET ROLE.
   */
  appRole?: string | null;
  /** Pool size (default 10). */
  max?: number;
}

interface PgConnectionFields {
  host: string;
  port: number;
  username: string;
  password: string | undefined;
  database: string;
  extra: { options?: string; max?: number };
}

function connectionFields(url: string, options: ConnectionOptions): PgConnectionFields {
  const u = new URL(url);
  const role = options.appRole === undefined ? LEDGER_APP_ROLE : options.appRole;
  if (role !== null && !/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`appRole "${role}" is not a plain role name`);
  return {
    host: decodeURIComponent(u.hostname) || '127.0.0.1',
    port: u.port ? Number(u.port) : 5432,
    username: decodeURIComponent(u.username) || 'postgres',
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
    extra: {
      // The startup-packet equivalent of SET ROLE: no window where a fresh connection runs as the login role.
      ...(role === null ? {} : { options: `-c role=${role}` }),
      max: options.max ?? 10,
    },
  };
}

export function createDataSource(
  url: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  extraEntities: Function[] = [],
  options: ConnectionOptions = {},
): DataSource {
  const f = connectionFields(url, options);
  return new DataSource({
    type: 'postgres',
    host: f.host,
    port: f.port,
    username: f.username,
    password: f.password,
    database: f.database,
    extra: f.extra,
    entities: extraEntities,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  });
}

// Any constant works as long as every process uses the same one; advisory locks are scoped to the database.
const MIGRATION_LOCK_KEY = 7_150_001;

/**
 * Applies pending migrations; returns the names it ran. Several processes may start at once (API, CLI, test files):
 * a session advisory lock makes them take turns, and whoever comes second finds nothing pending.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource(url, [], { appRole: null, max: 1 });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const ran = await executor.executePendingMigrations();
      return ran.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
