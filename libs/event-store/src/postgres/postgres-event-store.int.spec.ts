import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { StoredEvent } from '../../../../events/index.js';
import { ChainVerifier } from '../../../ledger/src/hash-chain.js';
import { runMigrations } from '../../../persistence/src/data-source.js';
import { createPool } from '../../../persistence/src/pool.js';
import { LEDGER_APP_ROLE, MIGRATIONS } from '../../../persistence/src/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database.js';
import { contractEvent, describeEventStoreContract } from '../event-store.contract.js';
import { ConcurrencyError, IdempotencyConflictError } from '../event-store.errors.js';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port.js';
import { PostgresEventStore, type FlushReport } from './postgres-event-store.js';

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

describe('PostgreSQL event store: group commit', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let store: PostgresEventStore;
  const flushes: FlushReport[] = [];
  const stream = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;
  const one = (streamId: string, expectedRevision: ExpectedRevision, event: EventToAppend = contractEvent()) =>
    store.append([{ streamId, expectedRevision, events: [event] }]);

  async function wholeLog(): Promise<StoredEvent[]> {
    const all: StoredEvent[] = [];
    for (;;) {
      const batch = await store.readAll({ after: all.length === 0 ? 0 : all[all.length - 1].position, limit: 1000 });
      if (batch.length === 0) return all;
      all.push(...batch);
    }
  }

  async function expectConsistentLedger(): Promise<void> {
    const all = await wholeLog();
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
    const verifier = new ChainVerifier();
    for (const e of all) verifier.add(e);
    expect(verifier.result().problems).toEqual([]);
    expect(await store.head()).toEqual({ position: all.length, hash: all[all.length - 1].hash });
  }

  beforeAll(async () => {
    db = await createTestDatabase('event_store_group_commit');
    await runMigrations(db.url);
    pool = appPool(db.url, 8);
    store = new PostgresEventStore(pool, { listen: false, onFlush: (f) => flushes.push(f) });
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('answers 50 concurrent single-event appends in one transaction, each with exactly its own outcome', async () => {
    const race = stream('race'); // at revision 0: ten appends expect 0, one wins
    const stale = stream('stale'); // at revision 2: five appends expect 0
    const shared = stream('shared');
    const storedBefore = [contractEvent(), contractEvent(), contractEvent(), contractEvent(), contractEvent()];
    const retried = stream('retried');
    await store.append([{ streamId: race, expectedRevision: 'no_stream', events: [contractEvent()] }]);
    await store.append([{ streamId: stale, expectedRevision: 'no_stream', events: [contractEvent(), contractEvent(), contractEvent()] }]);
    const before = await store.append([{ streamId: retried, expectedRevision: 'no_stream', events: storedBefore }]);
    const inBatch = [contractEvent(), contractEvent(), contractEvent()];
    const contested = contractEvent();
    const flushesBefore = flushes.length;

    type Expect = 'stored' | 'won-or-lost' | 'concurrency' | 'retry' | 'conflict' | 'twin' | 'contested';
    const calls: { expect: Expect; run: () => Promise<AppendResult>; event?: EventToAppend }[] = [];
    for (let i = 0; i < 10; i += 1) calls.push({ expect: 'stored', run: () => one(stream('own'), 'no_stream') });
    for (let i = 0; i < 10; i += 1) calls.push({ expect: 'won-or-lost', run: () => one(race, 0) });
    for (let i = 0; i < 5; i += 1) calls.push({ expect: 'concurrency', run: () => one(stale, 0) });
    // Retries of stored events with a stale expected revision: idempotency first, so they get the stored envelopes.
    storedBefore.forEach((e, i) => calls.push({ expect: 'retry', event: e, run: () => one(retried, i === 0 ? 'no_stream' : 0, { ...e }) }));
    // Stored ids with other content: conflicts.
    for (const e of storedBefore.slice(0, 3)) {
      calls.push({ expect: 'conflict', run: () => one(retried, 'any', { ...e, data: { ...e.data, note: 'changed' } }) });
    }
    // Ids stored by an earlier call of the same batch: the same envelope for the same content.
    for (const e of inBatch) {
      calls.push({ expect: 'stored', event: e, run: () => one(shared, 'any', e) });
      calls.push({ expect: 'twin', event: e, run: () => one(shared, 'any', { ...e }) });
    }
    // One id, two contents: the first to be decided stores it, the other gets a conflict.
    calls.push({ expect: 'contested', run: () => one(stream('contest-a'), 'any', contested) });
    calls.push({ expect: 'contested', run: () => one(stream('contest-b'), 'any', { ...contested, data: { ...contested.data, note: 'x' } }) });
    while (calls.length < 50) calls.push({ expect: 'stored', run: () => one(shared, 'any') });
    expect(calls).toHaveLength(50);

    const outcomes = await Promise.allSettled(calls.map((c) => c.run()));

    // All 50 went in one batch transaction.
    expect(flushes.slice(flushesBefore)).toEqual([{ calls: 50, events: 50, path: 'batch' }]);
    const fulfilled = (i: number) => (outcomes[i] as PromiseFulfilledResult<AppendResult>).value;
    const reason = (i: number) => (outcomes[i] as PromiseRejectedResult).reason as unknown;
    const byId = new Map<string, StoredEvent>();
    calls.forEach((c, i) => {
      if (c.expect === 'stored') {
        expect(outcomes[i].status).toBe('fulfilled');
        const [event] = fulfilled(i).events;
        if (c.event) expect(event.eventId).toBe(c.event.eventId);
        byId.set(event.eventId, event);
      }
      if (c.expect === 'concurrency') expect(reason(i)).toMatchObject({ streamId: stale, expected: 0, actual: 2 });
      if (c.expect === 'concurrency') expect(reason(i)).toBeInstanceOf(ConcurrencyError);
      if (c.expect === 'retry') expect(fulfilled(i).events).toEqual(before.events.filter((e) => e.eventId === c.event!.eventId));
      if (c.expect === 'conflict') expect(reason(i)).toBeInstanceOf(IdempotencyConflictError);
    });
    calls.forEach((c, i) => {
      if (c.expect === 'twin') expect(fulfilled(i).events).toEqual([byId.get(c.event!.eventId)]);
    });
    const raced = outcomes.filter((_, i) => calls[i].expect === 'won-or-lost');
    expect(raced.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of raced.filter((o) => o.status === 'rejected')) {
      expect((o as PromiseRejectedResult).reason).toMatchObject({ streamId: race, expected: 0, actual: 1 });
    }
    const contest = outcomes.filter((_, i) => calls[i].expect === 'contested');
    expect(contest.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(contest.find((o) => o.status === 'rejected')).toMatchObject({ reason: expect.any(IdempotencyConflictError) });

    const fillers = calls.filter((c) => c.expect === 'stored' && !c.event).length - 10;
    expect(fillers).toBe(9);
    const stored = 10 + 1 + inBatch.length + 1 + fillers;
    expect((await store.readStream(race)).map((e) => e.streamRevision)).toEqual([0, 1]);
    expect((await store.readStream(stale)).length).toBe(3);
    expect((await store.readStream(retried)).length).toBe(5);
    const sharedRevisions = (await store.readStream(shared)).map((e) => e.streamRevision);
    expect(sharedRevisions).toEqual(Array.from({ length: inBatch.length + fillers }, (_, i) => i));
    const log = await wholeLog();
    expect(log.length - before.events[4].position).toBe(stored);
    await expectConsistentLedger();
  });

  it('batches calls queued behind a flush in flight, and keeps 20 writers gap-free', async () => {
    const flushesBefore = flushes.length;
    await Promise.all(
      Array.from({ length: 20 }, async (_, w) => {
        const streamId = stream(`writer-${w}`);
        for (let i = 0; i < 25; i += 1) await one(streamId, i === 0 ? 'no_stream' : i - 1);
      }),
    );
    const ours = flushes.slice(flushesBefore);
    expect(ours.reduce((n, f) => n + f.events, 0)).toBe(500);
    expect(ours.length).toBeLessThan(100); // grouped, not one transaction per append
    expect(ours.every((f) => f.path !== 'fallback')).toBe(true);
    await expectConsistentLedger();
  });

  it('falls back to one call at a time when the batch fails as a whole, so a bad call fails alone', async () => {
    // PostgreSQL refuses \u0000 in jsonb: the batch insert fails without saying whose row it was.
    const bad = contractEvent({ data: { ...contractEvent().data, note: 'nul \u0000 here' } });
    const streamId = stream('fallback');
    const flushesBefore = flushes.length;
    const outcomes = await Promise.allSettled([one(streamId, 'no_stream'), one(streamId, 'any', bad), one(streamId, 0), one(streamId, 0)]);
    expect(flushes.slice(flushesBefore)).toMatchObject([{ calls: 4, path: 'fallback', error: { code: '22P05' } }]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: '22P05' });
    expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream(streamId)).map((e) => e.streamRevision)).toEqual([0, 1]);
    await expectConsistentLedger();
  });

  it('keeps positions gap-free and chains whole with a second store (another process) appending on the single path', async () => {
    const otherPool = appPool(db.url, 8);
    const other = new PostgresEventStore(otherPool, { listen: false, maxEventsPerFlush: 1 });
    try {
      const shared = stream('two-processes');
      const twin = contractEvent();
      const work = (s: PostgresEventStore, label: string) =>
        Array.from({ length: 40 }, (_, i) =>
          i % 10 === 0
            ? s.append([{ streamId: shared, expectedRevision: 'any', events: [{ ...twin }] }])
            : s.append([
                { streamId: shared, expectedRevision: 'any', events: [contractEvent()] },
                { streamId: `${shared}-${label}-${i % 4}`, expectedRevision: 'any', events: [contractEvent()] },
              ]),
        );
      const outcomes = await Promise.allSettled([...work(store, 'a'), ...work(other, 'b')]);
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      const twins = outcomes.map((o) => (o as PromiseFulfilledResult<AppendResult>).value.events).flat().filter((e) => e.eventId === twin.eventId);
      expect(new Set(twins.map((e) => e.position)).size).toBe(1);
      // 72 appends of a fresh event, and the twin sent 8 times stored once.
      expect((await store.readStream(shared)).map((e) => e.streamRevision)).toEqual(Array.from({ length: 73 }, (_, i) => i));
      await expectConsistentLedger();
    } finally {
      await other.close();
      await otherPool.end();
    }
  });
});
