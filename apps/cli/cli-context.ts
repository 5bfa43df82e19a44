// What the database commands share: the configured PostgreSQL (DATABASE_URL, else the embedded one, shared with a
// running `npm start`), migrations, a pool as the application role and the PostgreSQL event store. Opened per
// command and closed before it returns, so an embedded server started for the command is stopped again.
import 'reflect-metadata';
import type pg from 'pg';
import { ConfigError, loadConfig, type AppConfig } from '../../libs/application/src/app.config.js';
import type { EventStore } from '../../libs/event-store/src/event-store.port.js';
import { createEventStore } from '../../libs/application/src/event-store.factory.js';
import { migrateIfNeeded } from '../../libs/persistence/src/pending-migrations.js';
import { openDatabaseServer, type DatabaseServer } from '../../libs/persistence/src/database-server.js';
import { createPool } from '../../libs/persistence/src/pool.js';
import { EXIT_USAGE, write, type CliIo } from './cli-command.js';

export interface LedgerContext {
  config: AppConfig;
  server: DatabaseServer;
  /** As the application role: it may add events, never change them. */
  pool: pg.Pool;
  store: EventStore;
}

/** A failure the user can act on: printed as `<command>: message` without a stack, with this exit code. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

// Connection failures are the user's environment, not our bug: name them plainly.
const ENVIRONMENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', '28P01', '28000', '3D000']);

async function openServer(io: CliIo): Promise<{ config: AppConfig; server: DatabaseServer }> {
  const config = loadConfig(process.env);
  const server = await openDatabaseServer({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    log: (line) => void write(io.stderr, `[database] ${line}\n`),
  });
  return { config, server };
}

/** Runs `work` with the ledger open, mapping configuration and connection problems to a message and exit 2. */
async function guarded(io: CliIo, name: string, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof CliFailure) {
      await write(io.stderr, `${name}: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError || (code !== undefined && ENVIRONMENT_CODES.has(code))) {
      await write(io.stderr, `${name}: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

export function withLedger(io: CliIo, name: string, work: (ledger: LedgerContext) => Promise<number>): Promise<number> {
  return guarded(io, name, async () => {
    const { config, server } = await openServer(io);
    let pool: pg.Pool | undefined;
    let store: EventStore | undefined;
    try {
      await migrateIfNeeded(server.url);
      pool = createPool(server.url, { appRole: config.DATABASE_APP_ROLE || null, max: 4, applicationName: `ledger ${name}` });
      // The same store the API uses; import alone is PostgreSQL-only and says so.
      store = await createEventStore(config.eventStore, pool, { listen: false });
      return await work({ config, server, pool, store });
    } finally {
      await store?.close();
      await pool?.end();
      await server.stop();
    }
  });
}

