// Boots the real application on a fresh database of the run's PostgreSQL, with API keys for the units a test needs.
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createLedgerApp, type LedgerApp } from '../../../apps/api/app.factory.js';
import { ApiKeysRepository } from '../../../libs/application/src/api-keys.repository.js';
import { loadConfig } from '../../../libs/application/src/app.config.js';
import type { LedgerLog } from '../../../apps/api/logging/ledger-log.js';
import { createPool } from '../../../libs/persistence/src/pool.js';
import { createTestDatabase, type TestDatabase } from '../../setup/test-database.js';

export interface LedgerTestApp {
  ledger: LedgerApp;
  app: INestApplication;
  db: TestDatabase;
  /** An API key for a person of `unitId` (issued once per unit and cached). */
  keyFor(unitId: string): Promise<string>;
  /** supertest on the app, authenticated as `unitId`. */
  as(unitId: string): Promise<AuthenticatedClient>;
  head(): Promise<number>;
  close(): Promise<void>;
}

export interface AuthenticatedClient {
  get(path: string): request.Test;
  post(path: string, body?: unknown): request.Test;
}

export async function startLedgerTestApp(label: string, options: { log?: LedgerLog } = {}): Promise<LedgerTestApp> {
  const db = await createTestDatabase(label);
  // The permission matrix sends many bad keys from one address on purpose: no 429 in these tests.
  const config = loadConfig({ AUTH_FAILURES_PER_MINUTE: '100000' });
  const ledger = await createLedgerApp(config, { url: db.url, kind: 'configured', stop: async () => undefined }, { logger: false, ...options });
  const adminPool = createPool(db.url, { appRole: config.DATABASE_APP_ROLE, max: 2 });
  const keys = new ApiKeysRepository(adminPool);
  const issued = new Map<string, string>();
  const keyFor = async (unitId: string) => {
    if (!issued.has(unitId)) issued.set(unitId, (await keys.issue(unitId, `${unitId}-tester`)).key);
    return issued.get(unitId)!;
  };
  const server = ledger.app.getHttpServer();
  return {
    ledger,
    app: ledger.app,
    db,
    keyFor,
    as: async (unitId) => {
      const auth = `Bearer ${await keyFor(unitId)}`;
      return {
        get: (path) => request(server).get(path).set('Authorization', auth),
        post: (path, body) => request(server).post(path).set('Authorization', auth).send(body as object),
      };
    },
    head: async () => (await ledger.store.head()).position,
    close: async () => {
      await ledger.close();
      await adminPool.end();
      await db.drop();
    },
  };
}
