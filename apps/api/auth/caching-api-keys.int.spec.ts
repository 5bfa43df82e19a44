// The API keeps live keys in memory; a key revoked anywhere (here: by another repository on its own pool, as
// `ledger keys revoke` in another process does) is refused within a second, and a key issued later works at once.
import type pg from 'pg';
import { runMigrations } from '../../../libs/persistence/src/data-source.js';
import { LEDGER_APP_ROLE } from '../../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../../libs/persistence/src/pool.js';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database.js';
import { ApiKeysRepository } from '../../../libs/application/src/api-keys.repository.js';
import { CachingApiKeysRepository } from './caching-api-keys.repository.js';

async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('API keys cached in memory, dropped on LISTEN/NOTIFY', () => {
  let db: TestDatabase;
  let apiPool: pg.Pool;
  let cliPool: pg.Pool;
  let cached: CachingApiKeysRepository;
  let cli: ApiKeysRepository;

  beforeAll(async () => {
    db = await createTestDatabase('api_key_cache');
    await runMigrations(db.url);
    apiPool = createPool(db.url, { appRole: LEDGER_APP_ROLE, max: 4 });
    cliPool = createPool(db.url, { appRole: LEDGER_APP_ROLE, max: 2 });
    cached = await CachingApiKeysRepository.listening(apiPool);
    cli = new ApiKeysRepository(cliPool);
  });
  afterAll(async () => {
    await cached?.onApplicationShutdown();
    await apiPool?.end();
    await cliPool?.end();
    await db?.drop();
  });

  it('answers a live key, and refuses it within a second of its revocation elsewhere', async () => {
    const { keyId, key } = await cli.issue('haibin-street', 'clerk');
    expect(await cached.actorOf(key)).toEqual({ unitId: 'haibin-street', userId: 'clerk' });
    expect(await cached.actorOf(key)).toEqual({ unitId: 'haibin-street', userId: 'clerk' });
    expect(await cli.revoke(keyId)).toBe(true);
    expect(await within(1000, async () => (await cached.actorOf(key)) === null)).toBe(true);
    // And it stays refused (nothing stale comes back).
    expect(await cached.actorOf(key)).toBeNull();
  });

  it('serves from memory while listening: a change that bypasses the notification is not seen, one that notifies is', async () => {
    const { key } = await cli.issue('kaiyuan-street', 'clerk');
    expect(await cached.actorOf(key)).toEqual({ unitId: 'kaiyuan-street', userId: 'clerk' });
    // As the table's owner, with the trigger off: the cache (rightly, here) still answers what it learnt.
    const owner = createPool(db.url, { appRole: null, max: 1 });
    try {
      await owner.query('ALTER TABLE api_keys DISABLE TRIGGER api_keys_notify');
      await owner.query("UPDATE api_keys SET user_id = 'renamed' WHERE unit_id = 'kaiyuan-street'");
      expect(await cached.actorOf(key)).toEqual({ unitId: 'kaiyuan-street', userId: 'clerk' });
      await owner.query('ALTER TABLE api_keys ENABLE TRIGGER api_keys_notify');
      await owner.query("UPDATE api_keys SET user_id = 'clerk-2' WHERE unit_id = 'kaiyuan-street'");
      expect(await within(1000, async () => (await cached.actorOf(key))?.userId === 'clerk-2')).toBe(true);
    } finally {
      await owner.end();
    }
  });

  it('never caches an unknown key: one issued after a miss works at once', async () => {
    expect(await cached.actorOf('lk_abcdefghij_' + 'x'.repeat(32))).toBeNull();
    const { key } = await cli.issue('gov-office', 'clerk');
    expect(await cached.actorOf(key)).toEqual({ unitId: 'gov-office', userId: 'clerk' });
  });
});
