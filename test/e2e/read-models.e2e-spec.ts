import { randomUUID } from 'node:crypto';
import { rebuildProjections, ALL_PROJECTIONS, listDisputes, rankings } from '../../projections/index.js';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

const evidence = [{ kind: 'url', ref: 'https://example.org/record' }];
const at = (day: string) => `2017-${day}T10:00:00+08:00`;
const unit = (unitId: string, name: string, kind = 'street') => ({ type: 'UnitRegistered', occurredAt: at('01-03'), data: { unitId, name, kind } });
const task = (unitId: string, indicator: string, taskRef: string) => ({
  eventId: randomUUID(),
  type: 'TaskIncompleteFound',
  occurredAt: at('10-10'),
  evidence,
  data: { unitId, indicator, taskRef, note: '' },
});

describe('units, rankings and disputes from the read models', () => {
  let t: LedgerTestApp;
  const finding = task('kaiyuan-street', '1.1', '任务1');

  beforeAll(async () => {
    t = await startLedgerTestApp('read_models');
    const gov = await t.as('gov-office');
    await gov.post('/v1/events', [unit('haibin-street', '海滨街道'), unit('kaiyuan-street', '开元街道'), unit('hi-tech-zone', '高新区管委会', 'hi-tech-zone')]).expect(201);
    await gov.post('/v1/events', [finding, task('kaiyuan-street', '1.2', '任务2'), task('hi-tech-zone', '1.2', '任务3')]).expect(201);
    const kaiyuan = await t.as('kaiyuan-street');
    await kaiyuan
      .post('/v1/events', { type: 'DisputeFiled', occurredAt: at('10-12'), evidence, data: { unitId: 'kaiyuan-street', disputeId: 'd-1', findingEventIds: [finding.eventId], grounds: '任务1已于9月完成' } })
      .expect(201);
  });
  afterAll(() => t.close());

  it('lists every unit, the rulebook’s lead units included, right after they were registered', async () => {
    const res = await (await t.as('haibin-street')).get('/v1/units').expect(200);
    const ids = res.body.units.map((u: { unitId: string }) => u.unitId);
    expect(ids).toEqual(expect.arrayContaining(['haibin-street', 'kaiyuan-street', 'hi-tech-zone', 'gov-office', 'admin-service-centre']));
    expect(res.body.units.find((u: { unitId: string }) => u.unitId === 'haibin-street')).toEqual({ unitId: 'haibin-street', name: '海滨街道', kind: 'street' });
  });

  it('ranks units by overall, highest first, with their parts', async () => {
    const res = await (await t.as('gov-office')).get('/v1/rankings').expect(200);
    const order = res.body.units.map((u: { unitId: string }) => u.unitId);
    // Part 1 only differs: haibin 100, hi-tech zone 100 − 10 = 90, kaiyuan 100 − 20 − 10 = 70.
    expect(order.indexOf('haibin-street')).toBeLessThan(order.indexOf('hi-tech-zone'));
    expect(order.indexOf('hi-tech-zone')).toBeLessThan(order.indexOf('kaiyuan-street'));
    expect(res.body.units.find((u: { unitId: string }) => u.unitId === 'kaiyuan-street').parts['1']).toBe(70);
  });

  it('ranks at another point in time with the evaluator: before the findings, part 1 is full for all', async () => {
    const res = await (await t.as('gov-office')).get('/v1/rankings?asOf=2017-10-01T00:00:00%2B08:00&knownAt=2099-01-01T00:00:00Z').expect(200);
    expect(res.body.asOf).toBe('2017-10-01T00:00:00.000+08:00');
    for (const u of res.body.units) expect(u.parts['1']).toBe(100);
    expect(new Set(res.body.units.map((u: { rank: number }) => u.rank))).toEqual(new Set([1]));
  });

  it('lists open disputes, and the assessed unit sees only its own', async () => {
    const gov = await t.as('gov-office');
    const open = await gov.get('/v1/disputes?status=open').expect(200);
    expect(open.body.disputes).toEqual([
      expect.objectContaining({ unitId: 'kaiyuan-street', disputeId: 'd-1', status: 'open', findingEventIds: [finding.eventId] }),
    ]);
    expect((await (await t.as('haibin-street')).get('/v1/disputes').expect(200)).body.disputes).toEqual([]);
    await (await t.as('haibin-street')).get('/v1/disputes?unitId=kaiyuan-street').expect(403);
    await gov.get('/v1/disputes?status=closed').expect(400);
  });

  it('shows the resolution with its time once gov-office resolves it', async () => {
    const gov = await t.as('gov-office');
    await gov
      .post('/v1/events', { type: 'DisputeResolved', occurredAt: at('10-20'), evidence, data: { unitId: 'kaiyuan-street', disputeId: 'd-1', decision: 'overturned', note: '核实已完成' } })
      .expect(201);
    const resolved = await gov.get('/v1/disputes?status=resolved').expect(200);
    expect(resolved.body.disputes[0]).toMatchObject({ status: 'resolved', decision: 'overturned', resolvedAt: "2017-10-20T10:00:00.000+08:00" });
    const ranked = await gov.get('/v1/rankings').expect(200);
    expect(ranked.body.units.find((u: { unitId: string }) => u.unitId === 'kaiyuan-street').parts['1']).toBe(90);
  });

  it('pages units, rankings (current and at a time) and disputes alike: limit and after, total and nextAfter', async () => {
    const gov = await t.as('gov-office');
    const pagesOf = async (path: string, key: string, limit: number) => {
      const whole = (await gov.get(path).expect(200)).body;
      const items: unknown[] = [];
      for (let after: number | null = 0; after !== null; ) {
        const page: Record<string, unknown[]> & { total: number; limit: number; nextAfter: number | null } = (await gov.get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}&after=${after}`).expect(200)).body;
        expect({ path, total: page.total, limit: page.limit }).toEqual({ path, total: whole.total, limit });
        items.push(...page[key]);
        after = page.nextAfter;
      }
      expect({ path, nextAfter: whole.nextAfter, total: whole.total }).toEqual({ path, nextAfter: null, total: items.length });
      expect(items).toEqual(whole[key]);
    };
    await pagesOf('/v1/units', 'units', 2);
    await pagesOf('/v1/rankings', 'units', 3);
    await pagesOf('/v1/rankings?asOf=2017-10-01T00:00:00%2B08:00&knownAt=2099-01-01T00:00:00Z', 'units', 4);
    await pagesOf('/v1/disputes', 'disputes', 1);
    // The trail counts where that needs no scan: everything unfiltered is the head; a filter across units is null.
    expect((await gov.get('/v1/events?limit=1').expect(200)).body).toMatchObject({ total: await t.head() });
    expect((await gov.get('/v1/events?limit=1&type=DisputeFiled').expect(200)).body).toMatchObject({ total: null });
    expect((await gov.get('/v1/events?limit=1&unitId=kaiyuan-street&type=DisputeFiled').expect(200)).body).toMatchObject({ total: 1 });
    // Ranks are over all units, not over the page.
    const second = (await gov.get('/v1/rankings?limit=1&after=1').expect(200)).body.units[0];
    expect(second.rank).toBeGreaterThanOrEqual(1);
    expect(second).toEqual((await gov.get('/v1/rankings').expect(200)).body.units[1]);
  });

  it('refuses a limit or cursor out of bounds on every paged list, naming the field', async () => {
    const gov = await t.as('gov-office');
    const paths = ['/v1/units', '/v1/rankings', '/v1/scores', '/v1/scores/summary', '/v1/disputes', '/v1/events', '/v1/results'];
    for (const path of paths) {
      for (const [query, field] of [['limit=0', 'limit'], ['limit=1001', 'limit'], ['limit=2.5', 'limit'], ['after=-1', 'after'], ['after=x', 'after']]) {
        const res = await gov.get(`${path}?${query}`).expect(400);
        expect({ path, query, message: res.body.message.join(' ') }).toEqual({ path, query, message: expect.stringMatching(new RegExp(`^${field}`)) });
      }
    }
    const both = await gov.get('/v1/disputes?after=1&offset=1').expect(400);
    expect(both.body.message).toEqual(['offset: the older name of after; give one of them']);
    const withUnit = await gov.get('/v1/scores?unitId=haibin-street&limit=5').expect(400);
    expect(withUnit.body.message).toEqual(['limit: pages the list of all units; omit it with unitId']);
  });

  it('rebuilds every read model from zero to the same rows', async () => {
    const pool = t.ledger.pool;
    const before = { rankings: await rankings(pool), disputes: await listDisputes(pool, { limit: 100 }) };
    await t.ledger.projector.stop();
    await rebuildProjections({ store: t.ledger.store, pool, projections: ALL_PROJECTIONS });
    expect({ rankings: await rankings(pool), disputes: await listDisputes(pool, { limit: 100 }) }).toEqual(before);
    await t.ledger.projector.start();
  });
});
