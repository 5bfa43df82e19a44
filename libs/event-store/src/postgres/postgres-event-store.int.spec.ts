import pg from 'pg';
import { runMigrations } from '../../../persistence/src/data-source.js';
import { createPool } from '../../../persistence/src/pool.js';
import { LEDGER_APP_ROLE, MIGRATIONS } from '../../../persistence/src/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database.js';
import { contractEvent, describeEventStoreContract } from '../event-store.contract.js';
import { PostgresEventStore } from './postgres-event-store.js';

/** The runtime pool, as the application role. */
function appPool(url: string, max?: number): pg.Pool {
  const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max });
  // pool.end() resolves before its sockets have closed; the forced DROP DATABASE of the teardown may then terminate
  // them, and an 'error' event with no listener would fail whichever test is running.
  pool.on('error', () => undefined);
  return pool;
}

/** A superuser connection: the owner's view, able to do what the application cannot. */
async function asOwner<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describeEventStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase('event_store_contract');
  await runMigrations(db.url);
  const pool = appPool(db.url, 24);
  const store = new PostgresEventStore(pool);
  return {
    store,
    tamper: (position) =>
      asOwner(db.url, async (c) => {
        await c.query('ALTER TABLE events DISABLE TRIGGER USER');
        await c.query(`UPDATE events SET data = jsonb_set(data, '{note}', '"edited later"') WHERE position = $1`, [position]);
        await c.query('ALTER TABLE events ENABLE TRIGGER USER');
      }),
    teardown: async () => {
      await store.close();
      await pool.end();
      await db.drop();
    },
  };
});

describe('PostgreSQL event store: the database itself', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('event_store_pg');
    await runMigrations(db.url);
    pool = appPool(db.url);
    store = new PostgresEventStore(pool, { listen: false, pollIntervalMs: 50 });
    await store.append([{ streamId: 'guarded', expectedRevision: 'no_stream', events: [contractEvent(), contractEvent()] }]);
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('runs migrations once, even when several processes start together', async () => {
    const again = await Promise.all([runMigrations(db.url), runMigrations(db.url)]);
    expect(again).toEqual([[], []]);
    const fresh = await createTestDatabase('event_store_migrate');
    try {
      const ran = await Promise.all([runMigrations(fresh.url), runMigrations(fresh.url), runMigrations(fresh.url)]);
      expect(ran.map((names) => names.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
    } finally {
      await fresh.drop();
    }
  });

  it.each([
    ['UPDATE', "UPDATE events SET type = 'Edited'"],
    ['DELETE', 'DELETE FROM events'],
    ['TRUNCATE', 'TRUNCATE events'],
  ])('refuses %s on events even to the owner', async (operation, sql) => {
    await asOwner(db.url, async (c) => {
      await expect(c.query(sql)).rejects.toThrow(`ledger events are append-only: ${operation} on events is refused`);
      const { rows } = await c.query<{ n: string }>('SELECT count(*) AS n FROM events');
      expect(rows[0].n).toBe('2');
    });
  });

  it('denies the application role any change to events, even with the trigger out of the way', async () => {
    await asOwner(db.url, async (c) => {
      await c.query('BEGIN');
      try {
        await c.query('ALTER TABLE events DISABLE TRIGGER USER');
        await c.query(`SET LOCAL ROLE ${LEDGER_APP_ROLE}`);
        await expect(c.query("UPDATE events SET type = 'Edited'")).rejects.toMatchObject({ code: '42501' });
      } finally {
        await c.query('ROLLBACK');
      }
    });
    const { rows } = await pool.query<{ role: string }>('SELECT current_user AS role');
    expect(rows[0].role).toBe(LEDGER_APP_ROLE);
    await expect(pool.query('DELETE FROM events')).rejects.toMatchObject({ code: '42501' });
  });

  it('keeps following by polling when no notification arrives', async () => {
    // This store never LISTENs: only its poll can bring an append made after the follower caught up.
    const { position } = await store.head();
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(), 10_000);
    const follower = (async () => {
      const seen: number[] = [];
      for await (const batch of store.subscribe({ after: position, signal: controller.signal })) {
        seen.push(...batch.map((e) => e.position));
        if (seen.length >= 1) break;
      }
      return seen;
    })();
    const appended = await store.append([{ streamId: 'polled', expectedRevision: 'any', events: [contractEvent()] }]);
    try {
      expect(await follower).toEqual([appended.events[0].position]);
    } finally {
      clearTimeout(deadline);
    }
  });
});
