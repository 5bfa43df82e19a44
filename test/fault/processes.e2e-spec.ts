// Issue 10, item 4: two API processes and the CLI on one database. Each process keeps what decide needs per stream
// between appends; a state another process has moved past must never refuse a valid append (a dispute filed through
// A resolved through B, an outage started through A repaired through B, units the CLI registered while the APIs ran).
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { runCli } from '../cli/support/run-cli.js';
import { startApiChild, type ApiChild } from './support/api-child.js';
import { issueKey } from './support/keys.js';

const evidence = [{ kind: 'url', ref: 'https://example.org/p' }];
const at = (day: string, time = '10:00') => `2017-${day}T${time}:00+08:00`;

describe('two API processes and the CLI appending to the same units', () => {
  let db: TestDatabase;
  let a: ApiChild;
  let b: ApiChild;
  const keys: Record<string, string> = {};
  const post = async (api: ApiChild, unit: string, body: unknown) => {
    const res = await fetch(`${api.baseUrl}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[unit]}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { message?: string[] } };
  };

  beforeAll(async () => {
    db = await createTestDatabase('fault_processes');
    a = await startApiChild(db.url);
    b = await startApiChild(db.url);
    for (const unit of ['gov-office', 'admin-service-centre', 'economy-it-bureau', 'haibin-street', 'kaiyuan-street']) keys[unit] = await issueKey(db.url, unit);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  it('accepts through B what the CLI registered after both APIs cached the stream', async () => {
    const finding = () => ({ eventId: randomUUID(), type: 'SpotCheckRecorded', occurredAt: at('10-05'), evidence, data: { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail', subject: '办件', note: '' } });
    // Both processes now hold "haibin-street is not registered".
    expect((await post(a, 'admin-service-centre', finding())).status).toBe(400);
    expect((await post(b, 'admin-service-centre', finding())).status).toBe(400);
    const demo = await runCli(['demo'], db.url);
    expect(demo.code === 0 ? '' : demo.stderr).toBe('');
    expect(await post(a, 'admin-service-centre', finding())).toMatchObject({ status: 201 });
    expect(await post(b, 'admin-service-centre', finding())).toMatchObject({ status: 201 });
  });

  it('resolves through B every dispute filed through A, and the reverse', async () => {
    for (let i = 0; i < 3; i++) {
      const [filer, resolver] = i % 2 === 0 ? [a, b] : [b, a];
      const found = await post(filer, 'admin-service-centre', { eventId: randomUUID(), type: 'SpotCheckRecorded', occurredAt: at('10-06'), evidence, data: { unitId: 'kaiyuan-street', indicator: '3.5', outcome: 'fail', subject: `办件 ${i}`, note: '' } });
      expect(found.status).toBe(201);
      // Warm the resolver's state of the stream before the dispute exists there.
      expect((await post(resolver, 'gov-office', { type: 'DisputeResolved', occurredAt: at('10-08'), evidence, data: { unitId: 'kaiyuan-street', disputeId: `p-${i}`, decision: 'upheld', note: '' } })).status).toBe(400);
      const filed = await post(filer, 'kaiyuan-street', { type: 'DisputeFiled', occurredAt: at('10-07'), evidence, data: { unitId: 'kaiyuan-street', disputeId: `p-${i}`, findingEventIds: [(found.body as unknown as { eventId: string }).eventId], grounds: '已整改' } });
      expect(filed.status).toBe(201);
      const resolved = await post(resolver, 'gov-office', { type: 'DisputeResolved', occurredAt: at('10-08'), evidence, data: { unitId: 'kaiyuan-street', disputeId: `p-${i}`, decision: 'upheld', note: '维持' } });
      expect(resolved).toMatchObject({ status: 201 });
    }
  });

  it('repairs through B an outage started through A', async () => {
    const outage = (type: string, occurredAt: string) => ({ type, occurredAt, evidence, data: { unitId: 'haibin-street', outageId: 'o-1', ...(type === 'OutageStarted' ? { system: '网上办事大厅' } : {}) } });
    expect((await post(b, 'economy-it-bureau', outage('OutageRepaired', at('11-01', '12:00')))).status).toBe(400);
    expect(await post(a, 'economy-it-bureau', outage('OutageStarted', at('11-01', '09:00')))).toMatchObject({ status: 201 });
    expect(await post(b, 'economy-it-bureau', outage('OutageRepaired', at('11-01', '12:00')))).toMatchObject({ status: 201 });
    // And the stale state of A does not let it repair twice: the store's revision check catches it.
    expect((await post(a, 'economy-it-bureau', outage('OutageRepaired', at('11-01', '13:00')))).status).toBe(400);
  });
});
