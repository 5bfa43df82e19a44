// Twenty clients appending to the same unit at once. With `expectedRevision` (optimistic concurrency) exactly one
// append wins per revision and every other gets 409; clients that retry with a fresh read all get through, with no
// event lost or stored twice. Without it the server re-decides on conflict and every append succeeds. A retry with
// the same eventId and content is answered with the stored event; the same id with other content is a conflict.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import request from 'supertest';
import { ApiKeysRepository } from '../../libs/application/src/api-keys.repository.js';
import { loadConfig } from '../../libs/application/src/app.config.js';
import { createPool } from '../../libs/persistence/src/pool.js';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

type Response = request.Response;

const GOV = 'gov-office'; // a part 1 lead: its people record TaskIncompleteFound (1.1) and read every trail
const RACE = 'race-street';
const FREE = 'free-street';
const CLIENTS = 20;

interface StoredEnvelope {
  eventId: string;
  streamId: string;
  streamRevision: number;
  position: number;
  actor: { unitId: string; userId: string };
}
type NewEvent = { eventId: string; type: string; occurredAt: string; evidence: unknown[]; data: Record<string, unknown> };

const task = (unitId: string, n: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'TaskIncompleteFound',
  occurredAt: '2017-10-10T10:00:00+08:00',
  evidence: [{ kind: 'document', ref: `督查通报-${n}.pdf`, sha256: 'b'.repeat(64) }],
  data: { unitId, indicator: '1.1', taskRef: `任务-${n}`, note: '未完成' },
});

interface Client {
  userId: string;
  post(body: unknown): Promise<Response>;
  get(path: string): Promise<Response>;
}

describe('concurrent appends to one unit', () => {
  let t: LedgerTestApp;
  let pool: pg.Pool;
  let clients: Client[];
  let gov: Client;

  /** The unit stream's current revision, as a client reads it: the last event of the unit's trail. */
  async function revisionOf(client: Client, unitId: string): Promise<number> {
    const res = await client.get(`/v1/events?unitId=${unitId}&limit=1000`);
    expect(res.status).toBe(200);
    expect(res.body.nextAfter).toBeNull();
    return (res.body.events as StoredEnvelope[]).at(-1)!.streamRevision;
  }
  async function trail(unitId: string): Promise<StoredEnvelope[]> {
    const res = await gov.get(`/v1/events?unitId=${unitId}&limit=1000`);
    expect(res.status).toBe(200);
    expect(res.body.nextAfter).toBeNull();
    return res.body.events;
  }
  async function expectWholeLedgerIntact(): Promise<void> {
    const head = await t.head();
    const all = await gov.get('/v1/events?limit=1000');
    expect(all.body.nextAfter).toBeNull();
    expect((all.body.events as StoredEnvelope[]).map((e) => e.position)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    const verified = await gov.get('/v1/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true, problems: [], head });
  }
  const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

  beforeAll(async () => {
    t = await startLedgerTestApp('concurrency');
    pool = createPool(t.db.url, { appRole: loadConfig({}).DATABASE_APP_ROLE, max: 1 });
    const keys = new ApiKeysRepository(pool);
    const server = t.app.getHttpServer();
    const clientOf = async (userId: string): Promise<Client> => {
      const auth = `Bearer ${(await keys.issue(GOV, userId)).key}`;
      return {
        userId,
        post: (body) => request(server).post('/v1/events').set('Authorization', auth).send(body as object),
        get: (path) => request(server).get(path).set('Authorization', auth),
      };
    };
    gov = await clientOf('reader');
    clients = [];
    for (let i = 1; i <= CLIENTS; i++) clients.push(await clientOf(`inspector-${String(i).padStart(2, '0')}`));
    const registered = await gov.post(
      [RACE, FREE].map((unitId) => ({ type: 'UnitRegistered', occurredAt: '2017-01-03T09:00:00+08:00', data: { unitId, name: unitId, kind: 'street' } })),
    );
    expect(registered.status).toBe(201);
  });
  afterAll(async () => {
    await pool?.end();
    await t?.close();
  });

  // One event per client for the race and the retry loop; the client keeps its event (and id) across retries.
  let events: NewEvent[];
  let firstRound: Response[];
  let revisionRead: number;

  it('20 clients that all read revision r: exactly one 201, nineteen 409, one event stored', async () => {
    events = clients.map((_, i) => task(RACE, i + 1));
    const reads = await Promise.all(clients.map((c) => revisionOf(c, RACE)));
    revisionRead = reads[0];
    expect(reads).toEqual(reads.map(() => revisionRead));
    const head = await t.head();

    firstRound = await Promise.all(clients.map((c, i) => c.post({ ...events[i], expectedRevision: reads[i] })));

    expect(statuses(firstRound)).toEqual([201, ...Array<number>(CLIENTS - 1).fill(409)]);
    const winner = firstRound.find((r) => r.status === 201)!;
    expect(winner.body).toMatchObject({ streamId: `unit-${RACE}`, streamRevision: revisionRead + 1, position: head + 1 });
    for (const lost of firstRound.filter((r) => r.status === 409)) {
      expect(lost.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: [`expectedRevision: stream unit-${RACE} is at revision ${revisionRead + 1}, not the expected ${revisionRead}`],
      });
    }
    expect(await t.head()).toBe(head + 1);
  });

  it('clients that retry on 409 with a fresh read all get through: one winner per revision, nothing lost or doubled', async () => {
    const attempts: { client: number; expected: number; status: number }[] = firstRound.map((r, i) => ({ client: i, expected: revisionRead, status: r.status }));
    const losers = firstRound.map((r, i) => (r.status === 409 ? i : -1)).filter((i) => i >= 0);
    const head = await t.head();

    await Promise.all(
      losers.map(async (i) => {
        // Bounded: each round at least one racing client wins, so 20 rounds would do; 200 only guards a livelock.
        for (let attempt = 0; attempt < 200; attempt++) {
          const expected = await revisionOf(clients[i], RACE);
          const res = await clients[i].post({ ...events[i], expectedRevision: expected });
          attempts.push({ client: i, expected, status: res.status });
          if (res.status === 201) return;
          expect([res.status, res.body.message]).toEqual([409, [expect.stringMatching(/^expectedRevision: stream unit-race-street is at revision \d+, not the expected \d+$/)]]);
        }
        throw new Error(`client ${i} never got its event stored`);
      }),
    );

    // Exactly one 201 per revision r, r + 1, …, r + 19; every other attempt a 409.
    const wins = attempts.filter((a) => a.status === 201);
    expect(wins.map((a) => a.expected).sort((a, b) => a - b)).toEqual(Array.from({ length: CLIENTS }, (_, k) => revisionRead + k));
    expect(new Set(wins.map((a) => a.client)).size).toBe(CLIENTS);
    expect(attempts.filter((a) => a.status !== 201 && a.status !== 409)).toEqual([]);

    // The stream: contiguous revisions, the 20 events each once, by the client that sent it.
    const stream = await trail(RACE);
    expect(stream.map((e) => e.streamRevision)).toEqual(Array.from({ length: revisionRead + 1 + CLIENTS }, (_, k) => k));
    const appended = stream.filter((e) => e.streamRevision > revisionRead);
    expect(appended.map((e) => e.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
    const sentBy = new Map(events.map((e, i) => [e.eventId, clients[i].userId]));
    for (const e of appended) expect(e.actor).toEqual({ unitId: GOV, userId: sentBy.get(e.eventId) });
    expect(await t.head()).toBe(head + losers.length);
    await expectWholeLedgerIntact();
  });

  it('answers a retry with the same eventId and content with the stored event (201), the head unmoved', async () => {
    const winnerIndex = firstRound.findIndex((r) => r.status === 201);
    const stored = firstRound[winnerIndex].body as StoredEnvelope;
    const head = await t.head();
    // The retry of a request whose answer was lost: its expectedRevision is stale by now, which does not matter.
    const again = await clients[winnerIndex].post({ ...events[winnerIndex], expectedRevision: revisionRead });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(stored);
    const plain = await clients[winnerIndex].post(events[winnerIndex]);
    expect([plain.status, plain.body]).toEqual([201, stored]);
    // The same retry 20 times at once: stored once, every answer the stored event.
    const burst = await Promise.all(clients.map(() => clients[winnerIndex].post(events[winnerIndex])));
    expect(statuses(burst)).toEqual(Array<number>(CLIENTS).fill(201));
    for (const r of burst) expect(r.body).toEqual(stored);
    expect(await t.head()).toBe(head);
  });

  it('answers the same eventId with different content with 409, naming the eventId, storing nothing', async () => {
    const i = firstRound.findIndex((r) => r.status === 201);
    const head = await t.head();
    const altered = { ...events[i], data: { ...events[i].data, note: '已完成' } };
    const res = await clients[i].post(altered);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(res.body.message).toEqual([expect.stringContaining(events[i].eventId)]);
    // Concurrently, with a pinned revision too: still conflicts, still nothing stored.
    const burst = await Promise.all(clients.map(() => clients[i].post({ ...altered, expectedRevision: revisionRead })));
    expect(statuses(burst)).toEqual(Array<number>(CLIENTS).fill(409));
    expect(await t.head()).toBe(head);
    expect((await trail(RACE)).filter((e) => e.eventId === events[i].eventId)).toHaveLength(1);
    // The message names the field, as every refusal does.
    expect(res.body.message).toEqual([expect.stringMatching(/eventId/)]);
  });

  it('20 concurrent appends to one unit without expectedRevision all succeed (the server re-decides on conflict)', async () => {
    const before = await trail(FREE);
    const head = await t.head();
    const sent = clients.map((_, i) => task(FREE, 100 + i));

    const results = await Promise.all(clients.map((c, i) => c.post(sent[i])));

    // Appends from this process take turns per stream, so none of them conflicts with another.
    const refused = results.filter((r) => r.status !== 201).map((r) => `${r.status} ${JSON.stringify(r.body.message)}`);
    const stream = await trail(FREE);
    // What was stored is intact either way: contiguous revisions, each stored event once, the head moved by as many.
    expect(stream.map((e) => e.streamRevision)).toEqual(Array.from({ length: stream.length }, (_, k) => k));
    expect(await t.head()).toBe(head + stream.length - before.length);
    await expectWholeLedgerIntact();
    expect({ stored: results.length - refused.length, refused }).toEqual({ stored: CLIENTS, refused: [] });
    expect(stream.map((e) => e.streamRevision)).toEqual(Array.from({ length: before.length + CLIENTS }, (_, k) => k));
    expect(stream.slice(before.length).map((e) => e.eventId).sort()).toEqual(sent.map((e) => e.eventId).sort());
    expect(results.map((r) => r.body.streamRevision).sort((a, b) => a - b)).toEqual(Array.from({ length: CLIENTS }, (_, k) => before.length + k));
    expect(await t.head()).toBe(head + CLIENTS);
    await expectWholeLedgerIntact();
  });
});
