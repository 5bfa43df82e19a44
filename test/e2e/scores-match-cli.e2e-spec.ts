// GET /v1/scores and `ledger evaluate` over an export of the same ledger give the same JSON: one evaluator, one
// contract (docs/scores.md), whether a reviewer asks the service or checks an export offline.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/support/run-cli.js';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

describe('GET /v1/scores is identical to `ledger evaluate` over an export', () => {
  let t: LedgerTestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startLedgerTestApp('scores_cli');
    dir = await mkdtemp(join(tmpdir(), 'scores-cli-'));
    // The demo district: every lead's findings, a late batch, outages, disputes, a retraction, a publication.
    expect(await runCli(['demo'], t.db.url)).toMatchObject({ code: 0 });
    expect(await runCli(['export', '--out', join(dir, 'ledger.ndjson')], t.db.url)).toMatchObject({ code: 0 });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t.close();
  });

  it.each([
    ['at the year end, everything known', '2017-12-31T23:59:59.999+08:00', '2099-01-01T00:00:00.000+08:00'],
    // The demo is recorded as in 2017: on 1 December every unit was registered, the December findings not yet known.
    ['on 30 November as known on 1 December', '2017-11-30T23:59:59.999+08:00', '2017-12-01T00:00:00.000+08:00'],
    ['mid-year, everything known', '2017-06-30T12:00:00.000+08:00', '2099-01-01T00:00:00.000+08:00'],
  ])('%s', async (_label, asOf, knownAt) => {
    const query = `asOf=${encodeURIComponent(asOf)}&knownAt=${encodeURIComponent(knownAt)}`;
    const api = await (await t.as('gov-office')).get(`/v1/scores?${query}`).expect(200);
    const cli = await runCli(['evaluate', '--events', join(dir, 'ledger.ndjson'), '--as-of', asOf, '--known-at', knownAt]);
    expect(cli).toMatchObject({ code: 0, stderr: '' });
    // All units are a page of the scores JSON: the document plus total, limit and nextAfter.
    const { total, limit, nextAfter, ...document } = api.body;
    expect({ total, limit, nextAfter }).toEqual({ total: 18, limit: 100, nextAfter: null });
    expect(JSON.parse(cli.stdout)).toEqual(document);
    // Pages of five, put together, are the same units in the same order.
    const paged: unknown[] = [];
    for (let after: number | null = 0; after !== null; ) {
      const page: { body: { units: unknown[]; nextAfter: number | null } } = await (await t.as('gov-office')).get(`/v1/scores?${query}&limit=5&after=${after}`).expect(200);
      expect(page.body).toMatchObject({ total: 18, limit: 5 });
      paged.push(...page.body.units);
      after = page.body.nextAfter;
    }
    expect(paged).toEqual(document.units);
    // The summary: the same units, each its parts and overall only.
    const summary = await (await t.as('gov-office')).get(`/v1/scores/summary?${query}&limit=1000`).expect(200);
    expect(summary.body).toEqual({
      ...document,
      total: 18,
      limit: 1000,
      nextAfter: null,
      units: document.units.map(({ unitId, overall, parts }: { unitId: string; overall: number; parts: object }) => ({ unitId, overall, parts })),
    });
  });

  it('for one unit as well', async () => {
    const knownAt = '2099-01-01T00:00:00.000+08:00';
    const api = await (await t.as('haibin-street')).get(`/v1/scores?unitId=haibin-street&knownAt=${encodeURIComponent(knownAt)}`).expect(200);
    const cli = await runCli(['evaluate', '--events', join(dir, 'ledger.ndjson'), '--unit', 'haibin-street', '--known-at', knownAt]);
    // Byte for byte what the CLI prints: no paging fields on one unit's document.
    expect(api.text).toBe(JSON.stringify(JSON.parse(cli.stdout)));
    expect(api.body.units.map((u: { unitId: string }) => u.unitId)).toEqual(['haibin-street']);
    await (await t.as('haibin-street')).get(`/v1/scores?unitId=haibin-street&limit=5`).expect(400);
  });
});
