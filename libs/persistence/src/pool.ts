// The runtime connection pool. Each connection switches to the application role, which may only INSERT and
// SELECT on the events table: even a bug in our code cannot rewrite history.
import pg from 'pg';

export interface PoolOptions {
  /** Role to SET on every connection; null keeps the login role (migrations, superuser tools). */
  appRole: string | null;
  max?: number;
  applicationName?: string;
}

export function createPool(url: string, options: PoolOptions): pg.Pool {
  const role = options.appRole;
  if (role && !/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`DATABASE_APP_ROLE "${role}" is not a plain role name`);
  return new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'performance-ledger',
    // Set at connection start-up, before any query can run on the connection.
    ...(role ? { options: `-c role=${role}` } : {}),
  });
}
