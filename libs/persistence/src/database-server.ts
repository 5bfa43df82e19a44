// Which PostgreSQL the process uses: DATABASE_URL when set; otherwise the embedded server on ./.data/pg, shared
// with any live process that already runs it (found through the server file beside the data directory), so two
// servers never open one data directory.
import pg from 'pg';
import { resolve } from 'node:path';
import {
  readLiveServerFile,
  removeServerFile,
  startEmbeddedPostgres,
  writeServerFile,
} from './embedded-postgres.js';
import { withDatabase } from './database-name.js';

export interface DatabaseServer {
  /** Connection string of the ledger database. */
  url: string;
  kind: 'configured' | 'embedded (started here)' | 'embedded (shared)';
  /** Stops the embedded server when this process started it; otherwise does nothing. */
  stop(): Promise<void>;
}

export const LEDGER_DATABASE = 'ledger';

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}

export async function openDatabaseServer(options: {
  databaseUrl?: string;
  dataDir: string;
  log?: (line: string) => void;
}): Promise<DatabaseServer> {
  const log = options.log ?? (() => undefined);
  if (options.databaseUrl) return { url: options.databaseUrl, kind: 'configured', stop: async () => undefined };

  const dataDir = resolve(options.dataDir, 'pg');
  const live = await readLiveServerFile(dataDir);
  if (live) {
    log(`using the embedded PostgreSQL of process ${live.pid} on port ${live.port}`);
    return { url: withDatabase(live.url, LEDGER_DATABASE), kind: 'embedded (shared)', stop: async () => undefined };
  }
  log(`starting the embedded PostgreSQL in ${dataDir}`);
  const server = await startEmbeddedPostgres({ dataDir, persistent: true });
  await writeServerFile(dataDir, { pid: process.pid, port: server.port, url: server.url });
  await ensureDatabase(server.url, LEDGER_DATABASE);
  return {
    url: withDatabase(server.url, LEDGER_DATABASE),
    kind: 'embedded (started here)',
    stop: async () => {
      await removeServerFile(dataDir);
      await server.stop();
    },
  };
}
