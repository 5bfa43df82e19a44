// The adapter against a port where nothing listens: the real client, no server (none can run in unit tests). It
// shows how an unreachable EventStoreDB reaches callers, and the refusals that need no server at all.
import { createServer } from 'node:net';
import { StoreUnavailableError, MultiStreamAppendError } from './eventstoredb.errors.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const event = {
  eventId: '0b6d9c9e-6c1e-4d57-9a51-3f4b7c2e1a10',
  type: 'SpotCheckRecorded',
  schemaVersion: 1,
  occurredAt: '2017-10-05T09:30:00+08:00',
  actor: { unitId: 'admin-service-centre', userId: 'inspector-07' },
  evidence: [],
  data: { unitId: 'haibin-street' },
  unitId: 'haibin-street',
};

describe('EventStoreDbEventStore without a server', () => {
  let store: EventStoreDbEventStore;

  beforeAll(async () => {
    store = new EventStoreDbEventStore({ connectionString: `kurrentdb://127.0.0.1:${await closedPort()}?tls=false`, healthDeadlineMs: 1000 });
  });
  afterAll(async () => {
    await store.close();
  });

  it('reports itself unhealthy, saying why', async () => {
    const health = await store.health();
    expect(health).toMatchObject({ kind: 'eventstoredb', ok: false });
    expect(health.detail).toMatch(/unavailable/i);
  });

  it('fails appends and reads with StoreUnavailableError', async () => {
    await expect(store.append([{ streamId: 'unit-haibin-street', expectedRevision: 'any', events: [event] }])).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    await expect(store.readStream('unit-haibin-street')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.readAll({ after: 0 })).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('refuses an append to several streams before touching the server', async () => {
    const attempt = store.append([
      { streamId: 'unit-a', expectedRevision: 'any', events: [event] },
      { streamId: 'unit-b', expectedRevision: 'any', events: [] },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(MultiStreamAppendError);
    await expect(attempt).rejects.toThrow(/one stream per request; this request touches 2 \(unit-a, unit-b\)/);
  });

  it('answers an empty append without the server', async () => {
    expect(await store.append([])).toEqual({ events: [], nextRevisions: {} });
  });
});
