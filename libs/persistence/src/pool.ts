// The runtime connection pool. Each connection runs as the application role, which may only INSERT and SELECT on
// the events table: even a bug in our code cannot rewrite history.
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
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'performance-ledger',
    // Set at connection start-up, before any query can run on the connection (and RESET ROLE keeps it).
    ...(role ? { options: `-c role=${role}` } : {}),
  });
  // An idle client's error (the server restarted) must not crash the process: the pool drops that client and the
  // next query opens a new connection.
  // Once the pool is ending (a clean shutdown), the server closing its idle connections is expected, not news.
  pool.on('error', (e) => {
    if (!(pool as pg.Pool & { ending?: boolean }).ending) process.emitWarning(`idle database connection lost: ${e.message}`);
  });
  // And a checked-out one's: pg removes the pool's listener while a client is lent out, so a server restart under
  // load emitted an unhandled 'error' and killed the process. This listener stays for the client's whole life; the
  // query in flight still fails (and is answered 503), and a client released with the error is destroyed.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}
