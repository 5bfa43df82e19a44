// Work on one pooled connection, rolled back on failure. A connection whose rollback failed is in an unknown
// state: it is destroyed rather than handed to the next borrower.
import type pg from 'pg';

/** `work` opens and commits its own transaction (e.g. in one multi-statement query); a failure is rolled back. */
export async function withRollback<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client with no 'error' listener crashes the process when the server goes away mid-transaction
  // (PostgreSQL restarted). The query in flight fails on its own; this marks the connection for destruction.
  const onError = (e: Error): void => {
    broken = e;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    await client.query('ROLLBACK').catch((e: Error) => {
      broken = e;
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** BEGIN, `work`, COMMIT on one pooled connection; rolled back if anything fails. */
export function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withRollback(pool, async (client) => {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  });
}
