// The messages a user meets when something is wrong say what and where, once, in the ledger's own time zone.
import { randomUUID } from 'node:crypto';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

const evidence = [{ kind: 'url', ref: 'https://example.org/check' }];

describe('messages', () => {
  let t: LedgerTestApp;
  let kaiyuanFinding: string;
  beforeAll(async () => {
    t = await startLedgerTestApp('messages');
    await (await t.as('gov-office'))
      .post('/v1/events', ['haibin-street', 'kaiyuan-street'].map((unitId) => ({ type: 'UnitRegistered', occurredAt: '2017-01-03T09:00:00+08:00', data: { unitId, name: unitId, kind: 'street' } })))
      .expect(201);
    kaiyuanFinding = randomUUID();
    await (await t.as('gov-office'))
      .post('/v1/events', { eventId: kaiyuanFinding, type: 'TaskIncompleteFound', occurredAt: '2017-10-01T10:00:00+08:00', evidence, data: { unitId: 'kaiyuan-street', indicator: '1.1', taskRef: 'T1', note: '' } })
      .expect(201);
  });
  afterAll(() => t.close());

  it('a missing field gets one message', async () => {
    const res = await (await t.as('gov-office'))
      .post('/v1/events', { type: 'TaskIncompleteFound', occurredAt: '2017-10-01T10:00:00+08:00', evidence, data: { unitId: 'haibin-street', indicator: '1.1', note: '' } })
      .expect(400);
    expect(res.body.message).toEqual(['events[0].data.taskRef: is required']);
  });

  it('a dispute without evidence is told so as a dispute', async () => {
    const res = await (await t.as('haibin-street'))
      .post('/v1/events', { type: 'DisputeFiled', occurredAt: '2017-10-02T10:00:00+08:00', data: { unitId: 'haibin-street', disputeId: 'd', findingEventIds: [kaiyuanFinding], grounds: 'x' } })
      .expect(400);
    expect(res.body.message).toEqual([expect.stringMatching(/^events\[0\]\.evidence: a DisputeFiled must carry at least one piece of evidence/)]);
  });

  it('a dispute naming another unit\'s finding says the finding is not about this unit', async () => {
    const res = await (await t.as('haibin-street'))
      .post('/v1/events', { type: 'DisputeFiled', occurredAt: '2017-10-02T10:00:00+08:00', evidence, data: { unitId: 'haibin-street', disputeId: 'd', findingEventIds: [kaiyuanFinding], grounds: 'x' } })
      .expect(400);
    expect(res.body.message[0]).toMatch(/about unit "haibin-street" is in the ledger \(a dispute or a retraction names findings about its own unit\)/);
  });

  it('an unencoded + in a query gets the hint to write %2B', async () => {
    const res = await (await t.as('gov-office')).get('/v1/scores?unitId=haibin-street&asOf=2017-11-30T23:59:59+08:00').expect(400);
    expect(res.body.message.join(' ')).toMatch(/write the \+ of the offset as %2B/);
  });
});
