import { createTestDatabase, type TestDatabase } from '../setup/test-database.js';
import { asOwner, runCli } from './support/run-cli.js';

describe('ledger verify', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('cli_verify');
    expect(await runCli(['demo'], db.url)).toMatchObject({ code: 0 });
  });
  afterAll(() => db.drop());

  it('passes an intact ledger', async () => {
    const run = await runCli(['verify'], db.url);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok: \d+ events in \d+ streams, head at position \d+/);
    const json = JSON.parse((await runCli(['verify', '--json'], db.url)).stdout);
    expect(json).toMatchObject({ ok: true, problems: [] });
  });

  it('recomputes the published result of the demo, and refuses an unknown result id', async () => {
    const { rows } = await asOwner(db.url, (c) => c.query<{ event_id: string }>(`SELECT event_id FROM events WHERE type = 'ResultsPublished'`));
    const run = await runCli(['verify', '--results', rows[0].event_id, '--json'], db.url);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, problems: [], resultId: rows[0].event_id });
    expect(JSON.parse(run.stdout).report).toMatchObject({ ok: true, units: 18, csvSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const unknown = await runCli(['verify', '--results', '00000000-0000-4000-8000-000000000000'], db.url);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('no published result');
  });

  it('names the first bad position of a row altered behind the application', async () => {
    await asOwner(db.url, async (c) => {
      await c.query('ALTER TABLE events DISABLE TRIGGER USER');
      try {
        // The latest measurement is the one that counts (I-LATEST), so the published digest must change too.
        await c.query(`UPDATE events SET data = jsonb_set(data, '{numerator}', '0') WHERE position = (SELECT max(position) FROM events WHERE type = 'MetricMeasured')`);
      } finally {
        await c.query('ALTER TABLE events ENABLE TRIGGER USER');
      }
    });
    const { rows } = await asOwner(db.url, (c) => c.query<{ position: string }>(`SELECT max(position) AS position FROM events WHERE type = 'MetricMeasured'`));
    const position = Number(rows[0].position);

    const run = await runCli(['verify'], db.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`first bad position ${position} \\(stream unit-[a-z-]+, revision \\d+\\): hash does not match the event content`));
    const json = await runCli(['verify', '--json'], db.url);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, problems: [{ position }] });
    // The published result was computed from the unaltered measurement: its digest no longer matches.
    const { rows: published } = await asOwner(db.url, (c) => c.query<{ event_id: string }>(`SELECT event_id FROM events WHERE type = 'ResultsPublished'`));
    const results = await runCli(['verify', '--results', published[0].event_id], db.url);
    expect(results.code).toBe(1);
    expect(results.stderr).toMatch(/digest to [0-9a-f]{64}, not the published/);
  });

  it('finds a deleted tail, which leaves no gap behind', async () => {
    await asOwner(db.url, async (c) => {
      await c.query('ALTER TABLE events DISABLE TRIGGER USER');
      try {
        await c.query('DELETE FROM events WHERE position = (SELECT max(position) FROM events)');
      } finally {
        await c.query('ALTER TABLE events ENABLE TRIGGER USER');
      }
    });
    const run = await runCli(['verify', '--json'], db.url);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).problems.map((p: { reason: string }) => p.reason)).toContainEqual(expect.stringMatching(/events were deleted/));
  });
});
