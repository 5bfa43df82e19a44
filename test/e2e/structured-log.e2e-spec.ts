// Issue 10, item 7: the API's log is JSON, one object per line, read here from the pino destination the app writes
// to. Every request has an id (a sane incoming X-Request-Id, else a fresh one, echoed back) and an access line, reads
// and authentication failures included; writes and refusals name the key id and unit; the caller's text is escaped and
// cut, so a `type` holding a newline cannot forge a line and a 1 MB value is not echoed; no key, no evidence bytes.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createLedgerLog } from '../../apps/api/logging/ledger-log.js';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

interface LogLine {
  level: string;
  msg: string;
  reqId?: string;
  keyId?: string;
  unit?: string;
  method?: string;
  path?: string;
  status?: number;
  ms?: number;
  problems?: string[];
  [field: string]: unknown;
}

const GOV = 'gov-office';
const CENTRE = 'admin-service-centre';
const keyIdOf = (key: string) => /^lk_([a-z0-9]{10})_/.exec(key)![1];

describe('structured JSON log', () => {
  const chunks: string[] = [];
  let t: LedgerTestApp;
  const lines = (): LogLine[] =>
    chunks
      .join('')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as LogLine);
  const linesOf = (reqId: string) => lines().filter((l) => l.reqId === reqId);
  // The access line is written when the response is finished, which supertest may see a moment before.
  const accessLineOf = async (reqId: string): Promise<LogLine> => {
    for (let i = 0; i < 50; i++) {
      const line = linesOf(reqId).find((l) => l.msg === 'request');
      if (line) return line;
      await new Promise((r) => setImmediate(r));
    }
    throw new Error(`no access line for ${reqId}`);
  };

  beforeAll(async () => {
    const log = createLedgerLog({ level: 'info', destination: { write: (chunk: string) => void chunks.push(chunk) } });
    t = await startLedgerTestApp('structured_log', { log });
    const gov = await t.as(GOV);
    await gov
      .post('/v1/events', [
        { type: 'AssessmentOpened', occurredAt: '2017-01-03T10:00:00+08:00', data: { assessmentId: 'lc-2017', rulebook: 'lc-2017', title: '考核' } },
        { type: 'UnitRegistered', occurredAt: '2017-01-03T10:00:00+08:00', data: { unitId: 'haibin-street', name: '海滨街道', kind: 'street' } },
      ])
      .expect(201);
  });
  afterAll(async () => t?.close());

  it('writes every line as one JSON object', () => {
    // lines() throws on anything that is not JSON; start-up lines are there too.
    expect(lines().length).toBeGreaterThan(0);
    for (const line of lines()) expect(typeof line.level).toBe('string');
  });

  it('keeps a sane X-Request-Id, echoes it, and writes an access line for an unauthenticated read', async () => {
    const reqId = `lb-${randomUUID()}`;
    const res = await request(t.app.getHttpServer()).get('/health').set('X-Request-Id', reqId).expect(200);
    expect(res.headers['x-request-id']).toBe(reqId);
    const access = await accessLineOf(reqId);
    expect(access).toMatchObject({ level: 'info', method: 'GET', path: '/health', status: 200 });
    expect(Number.isInteger(access.ms)).toBe(true);
    expect(access.keyId).toBeUndefined();
  });

  it('replaces an unusable X-Request-Id with a fresh UUID', async () => {
    for (const bad of ['has spaces in it', 'x'.repeat(200), '"quoted"', '']) {
      const res = await request(t.app.getHttpServer()).get('/health').set('X-Request-Id', bad).expect(200);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(chunks.join('')).not.toContain('has spaces in it');
    }
  });

  it('names key id and unit on an authenticated read, and leaves the query string out of the path', async () => {
    const key = await t.keyFor(CENTRE);
    const res = await request(t.app.getHttpServer()).get('/v1/units?limit=987&after=0').set('Authorization', `Bearer ${key}`).expect(200);
    const access = await accessLineOf(res.headers['x-request-id']);
    expect(access).toMatchObject({ method: 'GET', path: '/v1/units', status: 200, keyId: keyIdOf(key), unit: CENTRE });
    expect(chunks.join('')).not.toContain('limit=987');
  });

  it('logs authentication failures (401) with the claimed key id but never the key', async () => {
    const forged = `lk_abcdefghij_${'S'.repeat(40)}`;
    const res = await request(t.app.getHttpServer()).get('/v1/units').set('Authorization', `Bearer ${forged}`).expect(401);
    const access = await accessLineOf(res.headers['x-request-id']);
    expect(access).toMatchObject({ level: 'warn', status: 401, keyId: 'abcdefghij', path: '/v1/units' });
    expect(access.unit).toBeUndefined();
    const missing = await request(t.app.getHttpServer()).get('/v1/scores').expect(401);
    expect(await accessLineOf(missing.headers['x-request-id'])).toMatchObject({ status: 401, path: '/v1/scores' });
    const all = chunks.join('');
    expect(all).not.toContain('S'.repeat(40));
    for (const key of [await t.keyFor(GOV), await t.keyFor(CENTRE)]) expect(all).not.toContain(key.slice(14));
  });

  it('names key id and unit on every write, with positions and types but not the data', async () => {
    const key = await t.keyFor(CENTRE);
    const note = `note-${randomUUID()}`;
    const res = await request(t.app.getHttpServer())
      .post('/v1/events')
      .set('Authorization', `Bearer ${key}`)
      .send({
        type: 'SpotCheckRecorded',
        occurredAt: '2017-10-05T09:30:00+08:00',
        evidence: [{ kind: 'url', ref: 'https://example.org/check' }],
        data: { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail', subject: '办件', note },
      })
      .expect(201);
    const reqId = res.headers['x-request-id'];
    const appended = linesOf(reqId).find((l) => l.msg === 'appended')!;
    expect(appended).toMatchObject({ level: 'info', context: 'append', keyId: keyIdOf(key), unit: CENTRE, user: `${CENTRE}-tester`, events: 1, types: ['SpotCheckRecorded'] });
    expect(appended.from).toBe(res.body.position);
    expect(await accessLineOf(reqId)).toMatchObject({ method: 'POST', path: '/v1/events', status: 201, keyId: keyIdOf(key), unit: CENTRE });
    expect(chunks.join('')).not.toContain(note);
  });

  it('escapes and cuts the caller text in a refusal: no forged line, no 1 MB echo, key id and unit named', async () => {
    const key = await t.keyFor(CENTRE);
    const forgery = 'Evil\n{"level":"fatal","msg":"forged line","reqId":"forged"}\r\n';
    const huge = `H${'x'.repeat(1_000_000)}`;
    const before = lines().length;
    const http = request(t.app.getHttpServer());
    const newline = await http
      .post('/v1/events')
      .set('Authorization', `Bearer ${key}`)
      .send({ type: forgery, occurredAt: '2017-10-05T09:30:00+08:00', data: {} })
      .expect(400);
    const big = await http
      .post('/v1/events')
      .set('Authorization', `Bearer ${key}`)
      .send({ type: huge, occurredAt: '2017-10-05T09:30:00+08:00', data: {} })
      .expect(400);
    // The answer names the field without sending the megabyte back; nor a megabyte field name.
    expect(JSON.stringify(big.body).length).toBeLessThan(2000);
    expect(big.body.message.join('\n')).toContain('type');
    const spot = { type: 'SpotCheckRecorded', occurredAt: '2017-10-05T09:30:00+08:00', evidence: [{ kind: 'url', ref: 'https://example.org/x' }] };
    const data = { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail', subject: 's', note: '' };
    for (const body of [
      { ...spot, data: { ...data, [huge]: 1 } },
      { ...spot, [huge]: 1, data },
      { ...spot, evidence: [{ kind: 'url', ref: 'https://example.org/x', [huge]: 1 }], data },
      { ...spot, data: { ...data, [huge]: { __proto__x: 1, constructor: 1 } } },
    ]) {
      const refused = await http.post('/v1/events').set('Authorization', `Bearer ${key}`).send(body).expect(400);
      expect(JSON.stringify(refused.body).length).toBeLessThan(2000);
    }

    for (const res of [newline, big]) {
      const reqId = res.headers['x-request-id'];
      const refused = linesOf(reqId).find((l) => l.msg === 'refused')!;
      expect(refused).toMatchObject({ level: 'warn', status: 400, keyId: keyIdOf(key), unit: CENTRE, user: `${CENTRE}-tester` });
      for (const problem of refused.problems!) expect(problem.length).toBeLessThanOrEqual(200 + 30);
      expect(await accessLineOf(reqId)).toMatchObject({ status: 400, keyId: keyIdOf(key), unit: CENTRE });
    }
    const written = lines().slice(before);
    expect(written.some((l) => l.msg === 'forged line' || l.reqId === 'forged')).toBe(false);
    expect(written.find((l) => l.reqId === newline.headers['x-request-id'] && l.msg === 'refused')!.problems!.join()).toContain('Evil\\n{');
    for (const raw of chunks.join('').split('\n')) expect(raw.length).toBeLessThan(8000);
  });

  it('explains a refusal made before the key is checked (a NUL in the query) with the claimed key id', async () => {
    const key = await t.keyFor(GOV);
    const res = await request(t.app.getHttpServer()).get('/v1/events?unitId=a%00b').set('Authorization', `Bearer ${key}`).expect(400);
    const refused = linesOf(res.headers['x-request-id']).find((l) => l.msg === 'refused')!;
    expect(refused).toMatchObject({ level: 'warn', status: 400, keyId: keyIdOf(key) });
    expect(refused.problems!.join()).toContain('unitId');
    expect(await accessLineOf(res.headers['x-request-id'])).toMatchObject({ status: 400, path: '/v1/events', keyId: keyIdOf(key) });
  });

  it('never logs the contents of an uploaded evidence file', async () => {
    const marker = `evidence-body-${randomUUID()}`;
    const res = await request(t.app.getHttpServer())
      .post('/v1/evidence')
      .set('Authorization', `Bearer ${await t.keyFor(CENTRE)}`)
      .set('Content-Type', 'text/plain')
      .set('Content-Disposition', 'attachment; filename="check.txt"')
      .send(`${marker}\n`);
    expect([200, 201]).toContain(res.status);
    expect(await accessLineOf(res.headers['x-request-id'])).toMatchObject({ method: 'POST', path: '/v1/evidence', status: res.status, unit: CENTRE });
    expect(chunks.join('')).not.toContain(marker);
  });
});
