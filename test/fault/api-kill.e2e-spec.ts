// Issue 10: kill -9 of the API process under 10 writers, then a new process on the same database. Every append
// acknowledged before the kill is stored, once; writers that got no answer send the same event again (idempotent).
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { startApiChild, type ApiChild } from './support/api-child.js';
import { issueKey, registerUnits } from './support/keys.js';
import { startWriters } from './support/writers.js';

const UNITS = ['haibin-street', 'kaiyuan-street'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kill -9 of the API under 10 writers', () => {
  let db: TestDatabase;
  let api: ApiChild;
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('keeps every acknowledged append, once', async () => {
    db = await createTestDatabase('fault_kill');
    api = await startApiChild(db.url);
    await registerUnits(api.baseUrl, await issueKey(db.url, 'gov-office'), UNITS);
    const key = await issueKey(db.url, 'admin-service-centre');
    let current = api;
    const writers = startWriters(10, () => [current.baseUrl], key, UNITS);
    await sleep(1500);
    const port = Number(new URL(api.baseUrl).port);
    await api.kill9();
    api = await startApiChild(db.url, port);
    current = api;
    await sleep(1500);
    const report = await writers.stop();
    console.log(`[fault] kill -9: ${report.acknowledged.length} acknowledged; refused or unanswered: ${JSON.stringify(report.refused)}`);
    expect(report.acknowledged.length).toBeGreaterThan(0);
    for (const status of Object.keys(report.refused)) expect(['503', 'network']).toContain(status);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ event_id: string; n: string }>(
        'SELECT event_id, count(*) AS n FROM events WHERE event_id = ANY($1::uuid[]) GROUP BY event_id',
        [report.acknowledged],
      );
      expect(rows).toHaveLength(report.acknowledged.length);
      expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
      const { rows: gap } = await client.query<{ n: string; max: string }>('SELECT count(*) AS n, max(position) AS max FROM events');
      expect(Number(gap[0].n)).toBe(Number(gap[0].max));
    } finally {
      await client.end();
    }
  });
});
