// The console is served by the API's own app at `/` (npm test builds it into dist/web first), without shadowing the
// API's paths; the routes the console shapes itself from answer per key.
import request from 'supertest';
import { consoleDirectory } from '../../apps/api/console/console-static.js';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

describe('the web console served by the API', () => {
  let t: LedgerTestApp;
  beforeAll(async () => {
    t = await startLedgerTestApp('console_serving');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is built (npm test and npm start build it into dist/web)', () => {
    expect(consoleDirectory()).not.toBeNull();
  });

  it('answers / and any page path with the page, which loads nothing from another origin', async () => {
    for (const path of ['/', '/rankings', '/units/haibin-street', '/sign-in']) {
      const res = await request(t.app.getHttpServer()).get(path).set('Accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="app">');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.text).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec((await request(t.app.getHttpServer()).get('/').set('Accept', 'text/html')).text)![1];
    const js = await request(t.app.getHttpServer()).get(asset);
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toContain('immutable');
  });

  it('leaves /v1, /docs and /health to the API, their 404s included', async () => {
    const server = t.app.getHttpServer();
    const missing = await request(server).get('/v1/no-such-route').set('Accept', 'text/html');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/json/);
    const unauthenticated = await request(server).get('/v1/units').set('Accept', 'text/html');
    expect(unauthenticated.status).toBe(401);
    expect((await request(server).get('/health').set('Accept', 'text/html')).headers['content-type']).toMatch(/json/);
    expect((await request(server).get('/docs-json').set('Accept', 'text/html')).body.openapi).toMatch(/^3\./);
  });

  it('GET /v1/me tells each key its role and what it may do', async () => {
    const street = (await (await t.as('haibin-street')).get('/v1/me').expect(200)).body;
    expect(street).toMatchObject({ actor: { unitId: 'haibin-street' }, role: 'unit', may: { readRankings: false, fileDisputes: true, resolveDisputes: false, publishResults: false } });
    const gov = (await (await t.as('gov-office')).get('/v1/me').expect(200)).body;
    expect(gov).toMatchObject({ role: 'gov-office', may: { readRankings: true, resolveDisputes: true, publishResults: true, fileDisputes: false } });
    const lead = (await (await t.as('letters-visits-bureau')).get('/v1/me').expect(200)).body;
    expect(lead.role).toBe('lead');
    expect(lead.ledIndicators).toEqual(expect.arrayContaining(['5.1', '5.2']));
    expect(lead.forms.map((f: { type: string }) => f.type)).toContain('MetricMeasured');
    await request(t.app.getHttpServer()).get('/v1/me').expect(401);
  });

  it('GET /v1/rulebook gives the indicators with titles and the year\'s milestones; GET /v1/results lists publications', async () => {
    const rulebook = (await (await t.as('haibin-street')).get('/v1/rulebook').expect(200)).body;
    expect(rulebook.indicators.find((i: { id: string }) => i.id === '3.5')).toMatchObject({ part: '3', max: 10 });
    expect(rulebook.milestones.map((m: { key: string }) => m.key)).toEqual(expect.arrayContaining(['month-end', 'self-assessment-due', 'year-end']));
    expect(rulebook.milestones.find((m: { key: string }) => m.key === 'self-assessment-due').at).toBe('2017-11-12T23:59:59.999+08:00');
    // The console's type filter and "what may be disputed" come from here, not from lists of its own.
    expect(rulebook.eventTypes).toHaveLength(17);
    expect(rulebook.eventTypes).toEqual(expect.arrayContaining([{ type: 'SpotCheckRecorded', finding: true }, { type: 'IndicatorNotApplicable', finding: true }, { type: 'DisputeFiled', finding: false }, { type: 'ResultsPublished', finding: false }]));
    expect((await (await t.as('haibin-street')).get('/v1/results').expect(200)).body).toEqual({ total: 0, limit: 100, nextAfter: null, results: [] });
    const gov = await t.as('gov-office');
    await gov.post('/v1/events', { type: 'AssessmentOpened', occurredAt: '2017-09-29T10:00:00+08:00', data: { assessmentId: 'lc-2017', rulebook: 'lc-2017', title: '2017年度绩效考核' } }).expect(201);
    const published = (await gov.post('/v1/results', { assessmentId: 'lc-2017' }).expect(201)).body;
    const listed = (await (await t.as('haibin-street')).get('/v1/results').expect(200)).body.results;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ resultId: published.resultId, position: published.position, assessmentId: 'lc-2017' });
  });
});
