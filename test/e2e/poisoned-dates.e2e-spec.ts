// Issue 10, item 1: a date V8's Date.parse takes but the evaluator and PostgreSQL refuse ("T24:00", 30 February, an
// offset beyond ±14:00) once stored made every score, ranking and publication answer 500 for good. Now the one
// strict parser refuses it at the door (400 naming occurredAt, nothing stored); and a row an older version stored
// anyway (appended here through the store, past decide, as that version did) is left out and named, never a 500.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ALL_PROJECTIONS, rebuildProjections } from '../../projections/index.js';
import { runCli } from '../cli/support/run-cli.js';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

const BAD_DATES = ['2017-06-30T24:00:00+08:00', '2017-02-30T10:00:00+08:00', '2017-06-30T10:00:00+16:00', '0000-01-01T00:00:00Z', '2017-06-31T10:00:00+08:00'];
const evidence = [{ kind: 'url' as const, ref: 'https://example.org/check' }];
const selfAssessment = (occurredAt: string) => ({
  eventId: randomUUID(),
  type: 'SelfAssessmentSubmitted',
  occurredAt,
  evidence,
  data: { unitId: 'haibin-street', parts: { '1': 90, '2': 90, '3': 90, '4': 90, '5': 90, '6': 90 }, signedBy: '街道办主任', documentSha256: 'b'.repeat(64) },
});
const spotCheck = (occurredAt: string) => ({
  eventId: randomUUID(),
  type: 'SpotCheckRecorded',
  schemaVersion: 1,
  occurredAt,
  evidence,
  data: { unitId: 'haibin-street', indicator: '6.1', outcome: 'fail', subject: '证照 X', note: '' },
});

describe('dates the strict parser refuses', () => {
  let t: LedgerTestApp;
  beforeAll(async () => {
    t = await startLedgerTestApp('poisoned_dates');
    const gov = await t.as('gov-office');
    await gov
      .post('/v1/events', [
        { type: 'AssessmentOpened', occurredAt: '2017-09-29T10:00:00+08:00', data: { assessmentId: 'lc-2017', rulebook: 'lc-2017', title: '2017年度考核' } },
        { type: 'UnitRegistered', occurredAt: '2017-01-03T09:00:00+08:00', data: { unitId: 'haibin-street', name: '海滨街道', kind: 'street' } },
      ])
      .expect(201);
  });
  afterAll(() => t.close());

  it.each(BAD_DATES)('refuses occurredAt %s with a 400 naming the field, storing nothing', async (occurredAt) => {
    const head = await t.head();
    const haibin = await t.as('haibin-street');
    const res = await haibin.post('/v1/events', selfAssessment(occurredAt)).expect(400);
    expect(res.body.message.join('\n')).toMatch(/occurredAt/);
    const centre = await t.as('admin-service-centre');
    const finding = await centre.post('/v1/events', spotCheck(occurredAt)).expect(400);
    expect(finding.body.message.join('\n')).toMatch(/occurredAt/);
    expect(await t.head()).toBe(head);
  });

  it.each([
    ['/v1/scores?unitId=haibin-street&asOf=', 'asOf'],
    ['/v1/rankings?knownAt=', 'knownAt'],
    ['/v1/units/haibin-street/timeline?from=', 'from'],
    ['/v1/events?to=', 'to'],
  ])('refuses the same dates in %s with a 400 naming %s', async (path, name) => {
    const gov = await t.as('gov-office');
    for (const bad of BAD_DATES) {
      const res = await gov.get(`${path}${encodeURIComponent(bad)}`).expect(400);
      expect(res.body.message.join('\n')).toContain(name);
    }
  });

  it('refuses them as the occurredAt, asOf or knownAt of a publication', async () => {
    const gov = await t.as('gov-office');
    const head = await t.head();
    for (const field of ['occurredAt', 'asOf', 'knownAt']) {
      const res = await gov.post('/v1/results', { assessmentId: 'lc-2017', [field]: '0000-01-01T00:00:00Z' }).expect(400);
      expect(res.body.message.join('\n')).toContain(field);
    }
    expect(await t.head()).toBe(head);
  });

  describe('a ledger an older version poisoned', () => {
    const poisoned = [spotCheck('2017-06-30T24:00:00+08:00'), spotCheck('2017-02-30T10:00:00+08:00'), spotCheck('2017-06-30T10:00:00+16:00')];
    let resultId: string;

    beforeAll(async () => {
      // What the old version did: decide's lenient check passed, the store hashed and kept them.
      const actor = { unitId: 'admin-service-centre', userId: 'old-version' };
      await t.ledger.store.append([
        { streamId: 'unit-haibin-street', expectedRevision: 'any', events: poisoned.map((e) => ({ ...e, actor, unitId: 'haibin-street' })) },
      ]);
      // A good finding after them: the projector must move past the bad ones to reach it.
      const centre = await t.as('admin-service-centre');
      await centre.post('/v1/events', spotCheck('2017-10-01T10:00:00+08:00')).expect(201);
      await t.ledger.projector.waitFor(await t.head(), 10_000);
    });

    it('still scores the unit and every unit, counting only the usable finding', async () => {
      const gov = await t.as('gov-office');
      const one = await gov.get('/v1/scores?unitId=haibin-street&knownAt=2030-01-01T00:00:00Z').expect(200);
      const trace = one.body.units[0].indicators['6.1'].trace.flatMap((e: { eventIds: string[] }) => e.eventIds);
      expect(trace).toHaveLength(1);
      for (const bad of poisoned) expect(trace).not.toContain(bad.eventId);
      await gov.get('/v1/scores').expect(200);
      await gov.get('/v1/scores?asOf=2017-07-01T00:00:00%2B08:00').expect(200);
    });

    it('still ranks (read model and as-of), lists, shows the timeline and publishes', async () => {
      const gov = await t.as('gov-office');
      const ranked = await gov.get('/v1/rankings').expect(200);
      expect(ranked.body.units.map((u: { unitId: string }) => u.unitId)).toContain('haibin-street');
      await gov.get('/v1/rankings?asOf=2017-11-01T00:00:00%2B08:00&knownAt=2030-01-01T00:00:00Z').expect(200);
      await gov.get('/v1/units/haibin-street/timeline?knownAt=2030-01-01T00:00:00Z').expect(200);
      const trail = await gov.get('/v1/events?unitId=haibin-street').expect(200);
      expect(trail.body.events.map((e: { eventId: string }) => e.eventId)).toEqual(expect.arrayContaining(poisoned.map((e) => e.eventId)));
      await gov.get('/v1/disputes').expect(200);
      await gov.get('/v1/units').expect(200);
      const published = await gov.post('/v1/results', { assessmentId: 'lc-2017', knownAt: '2030-01-01T00:00:00+08:00', occurredAt: '2018-01-06T09:00:00+08:00' }).expect(201);
      resultId = published.body.resultId;
      const checked = await gov.get(`/v1/results/${resultId}?verify=true`).expect(200);
      expect(checked.body.verification.ok).toBe(true);
    });

    it('names them in GET /v1/verify (the chain itself is intact) and in /health behind a key', async () => {
      const gov = await t.as('gov-office');
      const verify = await gov.get('/v1/verify').expect(200);
      expect(verify.body.ok).toBe(true);
      expect(verify.body.unusable.count).toBe(3);
      expect(verify.body.unusable.events.map((u: { eventId: string }) => u.eventId)).toEqual(poisoned.map((e) => e.eventId));
      expect(verify.body.unusable.events[0].reason).toMatch(/^occurredAt "2017-06-30T24:00:00\+08:00"/);

      const detail = await request(t.app.getHttpServer()).get('/health').set('Authorization', `Bearer ${await t.keyFor('gov-office')}`).expect(200);
      expect(detail.body.unusableEvents.count).toBe(3);
      expect(detail.body.projections.lastError).toBeNull();
      const bare = await request(t.app.getHttpServer()).get('/health').expect(200);
      expect(bare.body).toEqual({ status: 'ok' });
    });

    it('rebuilds the read models past them, and `ledger verify` names them with exit 0', async () => {
      await t.ledger.projector.stop();
      const report = await rebuildProjections({ store: t.ledger.store, pool: t.ledger.pool, projections: ALL_PROJECTIONS });
      expect(report.position).toBe(await t.head());
      await t.ledger.projector.start();
      const rebuilt = await (await t.as('gov-office')).get('/v1/rankings').expect(200);
      expect(rebuilt.body.units.map((u: { unitId: string }) => u.unitId)).toContain('haibin-street');

      const run = await runCli(['verify'], t.db.url);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('3 event(s) cannot be scored');
      for (const bad of poisoned) expect(run.stderr).toContain(bad.eventId);
      await t.ledger.projector.stop();
      const rebuild = await runCli(['rebuild', '--force'], t.db.url);
      expect(rebuild.code === 0 ? '' : rebuild.stderr).toBe('');
      await t.ledger.projector.start();
    });
  });
});
