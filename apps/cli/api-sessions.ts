// Whether an API process is connected to the same ledger database: its pool names itself API_APPLICATION_NAME
// (apps/api/app.factory.ts), and the login role sees every session of its database in pg_stat_activity.
import pg from 'pg';
import { API_APPLICATION_NAME } from '../../libs/application/src/application-name.js';

/** Server process ids of the API's connections to this database (other than our own). */
export async function apiSessions(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()',
      [API_APPLICATION_NAME],
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}
