// Issue 10, item 3: the inputs a hostile tester found answering 500 (or silently accepted). Each must be a 400 whose
// message names the field, and the ledger head must not move.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

const evidence = [{ kind: 'url', ref: 'https://example.org/check' }];
const spotCheck = (over: Record<string, unknown> = {}, data: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  type: 'SpotCheckRecorded',
  occurredAt: '2017-10-05T09:30:00+08:00',
  evidence,
  ...over,
  data: { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail', subject: '办件', note: '', ...data },
});
// Raw JSON text, so "__proto__" stays an own key and lone surrogates stay lone (JSON.stringify would escape them
// only as \ud800 text, which is what a client sends anyway).
const raw = (json: string) => json;

type Case = [name: string, send: (t: LedgerTestApp) => Promise<request.Response>, field: string];

const post = (path: string, body: string) => async (t: LedgerTestApp) =>
  request(t.app.getHttpServer()).post(path).set('Authorization', `Bearer ${await t.keyFor('admin-service-centre')}`).set('Content-Type', 'application/json').send(body);
const get = (path: string, unit = 'gov-office') => async (t: LedgerTestApp) =>
  request(t.app.getHttpServer()).get(path).set('Authorization', `Bearer ${await t.keyFor(unit)}`);
const json = (value: unknown) => JSON.stringify(value);

const CASES: Case[] = [
  ['NUL in data.subject', post('/v1/events', json(spotCheck({}, { subject: 'a\u0000b' }))), 'data.subject'],
  ['NUL in data.note', post('/v1/events', json(spotCheck({}, { note: '\u0000' }))), 'data.note'],
  ['NUL in evidence ref', post('/v1/events', json(spotCheck({ evidence: [{ kind: 'url', ref: 'x\u0000' }] }))), 'evidence[0].ref'],
  ['NUL in type', post('/v1/events', json(spotCheck({ type: 'Spot\u0000' }))), 'type'],
  ['NUL in an array item', post('/v1/events', json([spotCheck({}, { subject: 'ok' }), spotCheck({}, { note: 'x\u0000' })])), '[1].data.note'],
  ['lone high surrogate', post('/v1/events', raw(json(spotCheck({}, { subject: 'SUBJ' })).replace('SUBJ', '\\ud800'))), 'data.subject'],
  ['lone low surrogate', post('/v1/events', raw(json(spotCheck({}, { note: 'NOTE' })).replace('NOTE', 'a\\udc00b'))), 'data.note'],
  ['data.__proto__: null', post('/v1/events', raw(json(spotCheck()).replace('"data":{', '"data":{"__proto__":null,'))), 'data.__proto__'],
  ['data.constructor: null', post('/v1/events', raw(json(spotCheck()).replace('"data":{', '"data":{"constructor":null,'))), 'data.constructor'],
  ['__proto__ in the envelope', post('/v1/events', raw(json(spotCheck()).replace('{', '{"__proto__":{"x":1},'))), '__proto__'],
  ['expectedRevision 2^31', post('/v1/events', json({ ...spotCheck(), expectedRevision: 2 ** 31 })), 'expectedRevision'],
  ['expectedRevision 1e20', post('/v1/events', json({ ...spotCheck(), expectedRevision: 1e20 })), 'expectedRevision'],
  ['expectedRevisions 2^40', post('/v1/events', json({ events: [spotCheck()], expectedRevisions: { 'unit-haibin-street': 2 ** 40 } })), 'expectedRevisions'],
  ['NUL in an expectedRevisions key', post('/v1/events', json({ events: [spotCheck()], expectedRevisions: { 'unit-\u0000': 1 } })), 'expectedRevisions'],
  ['after=2^63', get('/v1/events?after=9223372036854775808'), 'after'],
  ['after=1e20', get('/v1/events?after=1e20'), 'after'],
  ['offset=1e20', get('/v1/disputes?offset=1e20'), 'offset'],
  ['?__proto__=', get('/v1/units?__proto__=x'), '__proto__'],
  ['?constructor=', get('/v1/scores?constructor=x'), 'constructor'],
  ['NUL in a query value', get('/v1/events?unitId=haibin%00'), 'unitId'],
  ['publication in year 0000', post('/v1/results', json({ assessmentId: 'lc-2017', occurredAt: '0000-01-01T00:00:00Z' })), 'occurredAt'],
  ['publication with knownAt T24:00', post('/v1/results', json({ assessmentId: 'lc-2017', knownAt: '2017-12-31T24:00:00+08:00' })), 'knownAt'],
  ['NUL in a publication id', post('/v1/results', json({ assessmentId: 'lc\u00002017' })), 'assessmentId'],
];

describe('hostile input: a 400 naming the field, never a 500, nothing stored', () => {
  let t: LedgerTestApp;
  beforeAll(async () => {
    t = await startLedgerTestApp('hostile_input');
    const gov = await t.as('gov-office');
    await gov.post('/v1/events', [{ type: 'UnitRegistered', occurredAt: '2017-01-03T09:00:00+08:00', data: { unitId: 'haibin-street', name: '海滨街道', kind: 'street' } }]).expect(201);
  });
  afterAll(() => t.close());

  it.each(CASES)('%s', async (_name, send, field) => {
    const head = await t.head();
    const res = await send(t);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 400 });
    expect((res.body.message as string[]).join('\n')).toContain(field);
    expect(await t.head()).toBe(head);
  });

  it('still stores a clean event after all that', async () => {
    await (await t.as('admin-service-centre')).post('/v1/events', spotCheck()).expect(201);
  });
});
