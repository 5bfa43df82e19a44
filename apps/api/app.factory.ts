// Builds the HTTP application around an open database server; used by main.ts and by the e2e tests alike.
import type pg from 'pg';
import { Logger, ValidationPipe, type INestApplication } from '@nestjs/common';
import { ALL_PROJECTIONS, Projector } from '../../projections/index.js';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { createEventStore } from '../../libs/application/src/event-store.factory.js';
import type { EventStore } from '../../libs/event-store/src/event-store.port.js';
import type { DatabaseServer } from '../../libs/persistence/src/database-server.js';
import { runMigrations } from '../../libs/persistence/src/data-source.js';
import { createPool } from '../../libs/persistence/src/pool.js';
import type { AppConfig } from '../../libs/application/src/app.config.js';
import { AppModule } from './app.module.js';
import { refuseHostileInput } from './http/hostile-input.middleware.js';
import { securityHeaders } from './http/security-headers.middleware.js';
import { API_APPLICATION_NAME } from '../../libs/application/src/application-name.js';
import { accessLog, enterRequestContext } from './logging/access-log.middleware.js';
import { createLedgerLog, PinoNestLogger, type LedgerLog } from './logging/ledger-log.js';
import { getRulebook } from '../../libs/rulebook/src/index.js';
import { isJsonOutsideEvidence } from './evidence/json-body-outside-evidence.js';
import { serveConsole } from './console/console-static.js';

export interface LedgerApp {
  app: INestApplication;
  store: EventStore;
  /** Keeps the read models following the store; started with the app unless told otherwise. */
  projector: Projector;
  /** The application's pool (as the application role): the store's database and the read models. */
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface LedgerAppOptions {
  /** No log at all (most tests); `log` wins over it. */
  logger?: false;
  /** The JSON log to write to (a test passes one over its own destination to read the lines). */
  log?: LedgerLog;
  projector?: false;
}

export async function createLedgerApp(config: AppConfig, server: DatabaseServer, options: LedgerAppOptions = {}): Promise<LedgerApp> {
  const log = options.log ?? createLedgerLog({ level: options.logger === false ? 'silent' : config.LOG_LEVEL });
  await runMigrations(server.url);
  // Named, so `ledger rebuild` can tell that an API follows the same read models (apps/cli/api-sessions.ts).
  const pool = createPool(server.url, { appRole: config.DATABASE_APP_ROLE || null, max: 20, applicationName: API_APPLICATION_NAME });
  const store = await createEventStore(config.eventStore, pool);
  const projector = new Projector(
    { store, pool, projections: ALL_PROJECTIONS },
    { onError: (e) => Logger.error(`projector: ${e instanceof Error ? e.message : String(e)}`, undefined, 'projections') },
  );
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ config, server, pool, store, rulebook: getRulebook('lc-2017'), projector }), {
    bodyParser: false,
    logger: options.logger === false && !options.log ? false : new PinoNestLogger(log),
  });
  app.disable('x-powered-by');
  app.use(accessLog(log));
  app.use(securityHeaders);
  app.useBodyParser('json', { limit: `${config.BODY_LIMIT_KB}kb`, type: isJsonOutsideEvidence });
  app.use(enterRequestContext);
  app.use(refuseHostileInput);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  // The same description `npm run openapi` writes to docs/openapi.json; /docs-json serves it as JSON.
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app));
  serveConsole(app);
  await app.init();
  if (options.projector !== false) await projector.start();
  return {
    app,
    store,
    projector,
    pool,
    close: async () => {
      await projector.stop();
      await app.close();
      await store.close();
      await pool.end();
    },
  };
}
