import { randomUUID } from 'node:crypto';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

const evidence = [{ kind: 'document', ref: '抽查记录.pdf', sha256: 'a'.repeat(64) }];
const register = (unitId: string, name: string) => ({
  type: 'UnitRegistered',
  occurredAt: '2017-01-03T09:00:00+08:00',
  data: { unitId, name, kind: 'street' },
});
const vagueRejection = (unitId: string, subject: string, occurredAt = '2017-10-05T09:30:00+08:00') => ({
  eventId: randomUUID(),
  type: 'SpotCheckRecorded',
  occurredAt,
  evidence,
  data: { unitId, indicator: '3.5', outcome: 'fail', subject, note: '预审不通过理由仅写“材料不齐全”' },
});

describe('appending findings and reading scores over HTTP', () => {
  let t: LedgerTestApp;
  beforeAll(async () => {
    t = await startLedgerTestApp('append_score');
    const gov = await t.as('gov-office');
    await gov.post('/v1/events', [register('haibin-street', '海滨街道'), register('kaiyuan-street', '开元街道')]).expect(201);
  });
  afterAll(() => t.close());

  it('stores a finding with ledger-set actor, recordedAt, position and hashes', async () => {
    const centre = await t.as('admin-service-centre');
    const finding = vagueRejection('haibin-street', '办件 FJ2017100500123');
    const res = await centre.post('/v1/events', { ...finding, actor: { unitId: 'gov-office', userId: 'forged' } }).expect(201);
    expect(res.body).toMatchObject({
      eventId: finding.eventId,
      type: 'SpotCheckRecorded',
      schemaVersion: 1,
      actor: { unitId: 'admin-service-centre', userId: 'admin-service-centre-tester' },
      streamId: 'unit-haibin-street',
      streamRevision: 1,
      data: finding.data,
    });
    expect(res.body.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.position).toBe(3);
  });

  it('answers an idempotent retry with the stored event, stored once', async () => {
    const centre = await t.as('admin-service-centre');
    const finding = vagueRejection('haibin-street', '办件 retry');
    const first = await centre.post('/v1/events', finding).expect(201);
    const head = await t.head();
    const again = await centre.post('/v1/events', finding).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await t.head()).toBe(head);
  });

  it('scores 3.5 from the findings, with the trace naming them', async () => {
    const gov = await t.as('gov-office');
    const res = await gov.get('/v1/scores?unitId=haibin-street&knownAt=2030-01-01T00:00:00Z').expect(200);
    const unit = res.body.units[0];
    expect(unit.unitId).toBe('haibin-street');
    expect(unit.indicators['3.5'].score).toBe(6);
    expect(unit.indicators['3.5'].trace.flatMap((e: { eventIds: string[] }) => e.eventIds)).toHaveLength(2);
  });

  it('refuses a time that is not one, naming the parameter', async () => {
    const gov = await t.as('gov-office');
    const res = await gov.get('/v1/scores?unitId=haibin-street&asOf=2017-02-30T00:00:00%2B08:00&knownAt=yesterday').expect(400);
    expect(res.body.message).toEqual([
      'asOf must be an ISO 8601 date-time with an offset, e.g. 2017-11-30T23:59:59+08:00',
      'knownAt must be an ISO 8601 date-time with an offset, e.g. 2017-11-30T23:59:59+08:00',
    ]);
  });

  it('refuses bad input with every problem named, and stores nothing', async () => {
    const centre = await t.as('admin-service-centre');
    const head = await t.head();
    const res = await centre
      .post('/v1/events', [
        vagueRejection('haibin-street', 'ok'),
        { ...vagueRejection('haibin-street', 'x'), data: { unitId: 'haibin-street', indicator: '3.5', outcome: 'maybe', subject: 'x', note: '' } },
        { ...vagueRejection('nowhere-street', 'y') },
      ])
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toEqual(['events[1].data.outcome: must be "pass" or "fail"']);
    const second = await centre.post('/v1/events', [vagueRejection('haibin-street', 'ok'), vagueRejection('nowhere-street', 'y')]).expect(400);
    expect(second.body.message).toEqual([expect.stringMatching(/^events\[1\]\.data\.unitId: unit "nowhere-street" was not introduced/)]);
    expect(await t.head()).toBe(head);
  });

  it('answers 401 without a key and 403 for an indicator the caller does not lead', async () => {
    const { default: request } = await import('supertest');
    await request(t.app.getHttpServer()).post('/v1/events').send(vagueRejection('haibin-street', 'z')).expect(401);
    const letters = await t.as('letters-visits-bureau');
    const head = await t.head();
    const res = await letters.post('/v1/events', vagueRejection('haibin-street', 'z')).expect(403);
    expect(res.body.message[0]).toMatch(/does not lead indicator 3\.5/);
    expect(await t.head()).toBe(head);
  });

  it('answers 409 to a stale expectedRevision', async () => {
    const centre = await t.as('admin-service-centre');
    const res = await centre.post('/v1/events', { ...vagueRejection('kaiyuan-street', 'a'), expectedRevision: 5 }).expect(409);
    expect(res.body.message[0]).toMatch(/expectedRevision: stream unit-kaiyuan-street is at revision 0/);
    await centre.post('/v1/events', { ...vagueRejection('kaiyuan-street', 'a'), expectedRevision: 0 }).expect(201);
  });
});
