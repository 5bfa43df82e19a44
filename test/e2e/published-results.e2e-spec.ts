import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { canonicalJson } from '../../libs/ledger/src/index.js';
import { startLedgerTestApp, type AuthenticatedClient, type LedgerTestApp } from './support/ledger-test-app.js';

interface ScoresPage {
  rulebook: string;
  asOf: string;
  knownAt: string;
  nextAfter: number | null;
  units: { unitId: string; indicators: Record<string, { score: number }> }[];
}

/** Every page of GET /v1/results/:id/scores put back together: the scores document the result published. */
async function allScorePages(client: AuthenticatedClient, resultId: string, limit: number) {
  const units: ScoresPage['units'] = [];
  let header: Pick<ScoresPage, 'rulebook' | 'asOf' | 'knownAt'> | undefined;
  for (let after = 0; ; ) {
    const { rulebook, asOf, knownAt, nextAfter, units: page } = (await client.get(`/v1/results/${resultId}/scores?limit=${limit}&after=${after}`).expect(200)).body as ScoresPage;
    header ??= { rulebook, asOf, knownAt };
    units.push(...page);
    if (nextAfter === null) return { ...header, units };
    after = nextAfter;
  }
}

const evidence = [{ kind: 'url', ref: 'https://example.org/check' }];
const spotCheck = (unitId: string, occurredAt: string) => ({
  eventId: randomUUID(),
  type: 'SpotCheckRecorded',
  occurredAt,
  evidence,
  data: { unitId, indicator: '6.1', outcome: 'fail', subject: '证照 X', note: '' },
});

describe('published results', () => {
  let t: LedgerTestApp;
  beforeAll(async () => {
    t = await startLedgerTestApp('results');
    const gov = await t.as('gov-office');
    await gov.post('/v1/events', [
      { type: 'AssessmentOpened', occurredAt: '2017-09-29T10:00:00+08:00', data: { assessmentId: 'lc-2017', rulebook: 'lc-2017', title: '2017年度“互联网+政务服务”绩效考核' } },
      { type: 'UnitRegistered', occurredAt: '2017-09-29T10:00:00+08:00', data: { unitId: 'haibin-street', name: '海滨街道', kind: 'street' } },
    ]).expect(201);
    const centre = await t.as('admin-service-centre');
    await centre.post('/v1/events', [spotCheck('haibin-street', '2017-10-01T10:00:00+08:00'), spotCheck('haibin-street', '2017-10-02T10:00:00+08:00')]).expect(201);
  });
  afterAll(() => t.close());

  it('pins the head and the digest, and stays verifiable after more events', async () => {
    const gov = await t.as('gov-office');
    const head = await t.ledger.store.head();
    const published = await gov
      .post('/v1/results', { assessmentId: 'lc-2017', knownAt: '2030-01-01T00:00:00+08:00', occurredAt: '2018-01-06T09:00:00+08:00' })
      .expect(201);
    expect(published.body).toMatchObject({ assessmentId: 'lc-2017', ledgerPosition: head.position, ledgerHash: head.hash });
    expect(published.body.asOf).toBe('2017-12-31T23:59:59.999+08:00');
    expect(published.body.knownAt).toBe('2030-01-01T00:00:00.000+08:00');
    // The answer is the header, the pins and a page of unit summaries; the full scores are paged at /scores, and
    // their pages under the one header are the document the digest is of.
    expect(published.body).not.toHaveProperty('scores');
    expect(published.body).toMatchObject({ total: 6, limit: 100, nextAfter: null });
    expect(Object.keys(published.body.units[0]).sort()).toEqual(['overall', 'parts', 'unitId']);
    const full = await allScorePages(gov, published.body.resultId, 2);
    const digest = createHash('sha256').update(canonicalJson(full)).digest('hex');
    expect(published.body.scoresSha256).toBe(digest);
    expect(full.units.find((u: { unitId: string }) => u.unitId === 'haibin-street')?.indicators['6.1'].score).toBe(19);

    const centre = await t.as('admin-service-centre');
    await centre.post('/v1/events', spotCheck('haibin-street', '2017-10-03T10:00:00+08:00')).expect(201);

    const checked = await (await t.as('haibin-street')).get(`/v1/results/${published.body.resultId}?verify=true`).expect(200);
    expect(checked.body.verification).toMatchObject({ ok: true, scoresSha256: digest, problems: [] });
    expect(checked.body.units).toEqual(published.body.units);
    expect(await allScorePages(gov, published.body.resultId, 1000)).toEqual(full);
  });

  it('pages the units of a result: limit and after, total and nextAfter, bounds refused naming the field', async () => {
    const gov = await t.as('gov-office');
    const published = await gov.post('/v1/results', { assessmentId: 'lc-2017', knownAt: '2030-01-01T00:00:00+08:00' }).expect(201);
    const id = published.body.resultId;
    const first = await gov.get(`/v1/results/${id}?limit=4`).expect(200);
    expect(first.body).toMatchObject({ resultId: id, scoresSha256: published.body.scoresSha256, total: 6, limit: 4, nextAfter: 4 });
    const last = await gov.get(`/v1/results/${id}?limit=4&after=4`).expect(200);
    expect(last.body).toMatchObject({ total: 6, nextAfter: null });
    expect([...first.body.units, ...last.body.units]).toEqual(published.body.units);
    expect((await gov.get(`/v1/results/${id}?after=6`).expect(200)).body).toMatchObject({ units: [], nextAfter: null });
    for (const [query, field] of [['limit=0', 'limit'], ['limit=1001', 'limit'], ['after=-1', 'after'], ['limit=x', 'limit'], ['verify=yes', 'verify']]) {
      const refused = await gov.get(`/v1/results/${id}?${query}`).expect(400);
      expect(refused.body.message.join(' ')).toMatch(new RegExp(`^${field}`));
      await gov.get(`/v1/results/${id}/scores?${query.replace('verify=yes', 'limit=-2')}`).expect(400);
    }
  });

  it('refuses publication by anyone but 区政府办, storing nothing', async () => {
    const head = await t.head();
    const res = await (await t.as('admin-service-centre')).post('/v1/results', { assessmentId: 'lc-2017' }).expect(403);
    expect(res.body.message[0]).toMatch(/only gov-office may publish/);
    await (await t.as('gov-office')).post('/v1/results', { assessmentId: 'Not An Id' }).expect(400);
    expect(await t.head()).toBe(head);
  });

  it('finds a result whose evidence was altered behind the application’s back', async () => {
    const gov = await t.as('gov-office');
    const published = await gov.post('/v1/results', { assessmentId: 'lc-2017', knownAt: '2030-01-01T00:00:00+08:00' }).expect(201);
    const client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    try {
      await client.query('ALTER TABLE events DISABLE TRIGGER USER');
      await client.query(`UPDATE events SET data = jsonb_set(data, '{outcome}', '"pass"') WHERE position = 3`);
      await client.query('ALTER TABLE events ENABLE TRIGGER USER');
    } finally {
      await client.end();
    }
    const checked = await gov.get(`/v1/results/${published.body.resultId}?verify=true`).expect(200);
    expect(checked.body.verification.ok).toBe(false);
    expect(checked.body.verification.problems.join(' ')).toMatch(/digest to/);
  });

  it('answers 404 for an unknown result and 400 for a malformed id', async () => {
    const gov = await t.as('gov-office');
    await gov.get(`/v1/results/${randomUUID()}`).expect(404);
    await gov.get('/v1/results/nope').expect(400);
  });
});
