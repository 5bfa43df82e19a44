// One PostgreSQL for the whole run: the configured one (TEST_DATABASE_URL, else DATABASE_URL), or an embedded
// one started here. Each test file then creates its own database on it (test/setup/test-database.ts).
// Plain JS on the compiled code: Jest loads global setup with Node's own resolver, outside ts-jest.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../dist/libs/persistence/src/embedded-postgres.js';
import { assertTestDatabase, withDatabase } from '../../dist/libs/persistence/src/database-name.js';

export default async function globalSetup() {
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) {
    assertTestDatabase(configured);
    process.env.TEST_ADMIN_URL = configured;
    process.stdout.write(`\n[test] PostgreSQL: ${new URL(configured).host}${new URL(configured).pathname} (configured)\n`);
    return;
  }
  const dataDir = join(await mkdtemp(join(tmpdir(), 'ledger-test-pg-')), 'data');
  const server = await startEmbeddedPostgres({ dataDir, persistent: false });
  globalThis.__embeddedTestPostgres = server;
  process.env.TEST_ADMIN_URL = withDatabase(server.url, 'postgres');
  process.stdout.write(`\n[test] PostgreSQL: embedded on port ${server.port}\n`);
}
