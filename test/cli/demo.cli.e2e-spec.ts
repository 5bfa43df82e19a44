import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { asOwner, lastLine, runCli } from './support/run-cli.js';

const KEY = /^lk_[a-z0-9]{10}_[A-Za-z0-9_-]{32,64}$/;

describe('ledger demo', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('cli_demo');
  });
  afterAll(() => db.drop());

  it('seeds the district through the command path, and a second run stores nothing new', async () => {
    const first = await runCli(['demo'], db.url);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/18 units \(13 registered \+ 5 lead units\)/);
    expect(first.stdout).toMatch(/^\d+ events appended, recorded 2017-01-03 … 2018-01-10$/m);
    expect(first.stdout).toContain('localhost:3000/v1/scores?unitId=haibin-street');
    expect(lastLine(first.stdout)).toMatch(KEY);

    const types = await asOwner(db.url, async (c) => (await c.query<{ type: string; actor: string; n: string }>(
      `SELECT type, actor->>'unitId' AS actor, count(*) AS n FROM events GROUP BY 1, 2`,
    )).rows);
    const head = types.reduce((sum, r) => sum + Number(r.n), 0);
    // Findings by each of the five lead units, disputes by the units themselves, one publication.
    for (const lead of ['gov-office', 'economy-it-bureau', 'approval-reform-office', 'admin-service-centre', 'letters-visits-bureau']) {
      expect(types.some((r) => r.actor === lead)).toBe(true);
    }
    expect(types.filter((r) => r.type === 'ResultsPublished')).toEqual([{ type: 'ResultsPublished', actor: 'gov-office', n: '1' }]);

    const second = await runCli(['demo'], db.url);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing new');
    expect(second.stdout).toContain(`head at position ${head} `);
    expect(lastLine(second.stdout)).toMatch(KEY);
    const after = await asOwner(db.url, async (c) => Number((await c.query('SELECT count(*) AS n FROM events')).rows[0].n));
    expect(after).toBe(head);

    expect(await runCli(['verify'], db.url)).toMatchObject({ code: 0 });
    // A real 2017: every event but the publication was recorded in 2017, a few hours after it occurred.
    const late = await asOwner(db.url, async (c) => (await c.query(`SELECT type FROM events WHERE recorded_at >= '2018-01-01T00:00:00+08:00' OR recorded_at < occurred_at`)).rows);
    expect(late).toEqual([{ type: 'ResultsPublished' }]);
  });

  it('rebuilds the read models of the seeded ledger', async () => {
    const run = await runCli(['rebuild'], db.url);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^rebuilt .+ from \d+ events/);
    const scores = await asOwner(db.url, async (c) => Number((await c.query('SELECT count(*) AS n FROM unit_scores')).rows[0].n));
    expect(scores).toBe(18);
    expect(await runCli(['rebuild', '--projection', 'no-such'], db.url)).toMatchObject({ code: 2 });
  });
});
