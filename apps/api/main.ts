// `npm start`: the HTTP API on PORT, on the embedded PostgreSQL unless DATABASE_URL is set.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { openDatabaseServer } from '../../libs/persistence/src/database-server.js';
import { ConfigError, loadConfig } from '../../libs/application/src/app.config.js';
import { createLedgerApp } from './app.factory.js';
import { createLedgerLog, PinoNestLogger } from './logging/ledger-log.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // One JSON log for the whole process, from the first line on (the database server's start-up included).
  const log = createLedgerLog({ level: config.LOG_LEVEL });
  Logger.overrideLogger(new PinoNestLogger(log));
  const logger = new Logger('ledger');
  const server = await openDatabaseServer({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    log: (line) => logger.log(line),
  });
  let ledger;
  try {
    ledger = await createLedgerApp(config, server, { log });
    await ledger.app.listen(config.PORT, config.HOST);
  } catch (e) {
    await ledger?.close().catch(() => undefined);
    await server.stop();
    throw e;
  }
  logger.log(`listening on http://${config.HOST}:${config.PORT} (database: ${server.kind}; OpenAPI at /docs)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    await ledger.close().catch((e: Error) => logger.error(e.message));
    await server.stop().catch((e: Error) => logger.error(e.message));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
