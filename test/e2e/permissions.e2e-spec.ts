// The permission matrix: every caller × every route, allowed / 401 / 403 (and the 400s that name the bad field).
// Who may append is events.md §2 ("who may append"); who may read is apps/api/auth/read-policy.ts:
// 区政府办 (gov-office) reads everything; a lead unit reads every unit's scores and the trail of the indicators it
// leads plus its own unit; any other unit only itself.
// The cases run in order against one ledger; every case builds its own events (fresh ids), so none depends on
// another's outcome. Each case checks: the status; for every refusal the error shape
// { statusCode, error, message: [ … ] } with every message naming the field; and the ledger head — unmoved by
// every read and every refusal, moved by exactly the stored events on a 201.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import request from 'supertest';
import { ApiKeysRepository } from '../../libs/application/src/api-keys.repository.js';
import { loadConfig } from '../../libs/application/src/app.config.js';
import { createPool } from '../../libs/persistence/src/pool.js';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

type Response = request.Response;

// ---------------------------------------------------------------------------------------------------- callers
const GOV = 'gov-office';
const CENTRE = 'admin-service-centre'; // leads 2.2, parts 3 and 6
const ECON = 'economy-it-bureau'; // leads part 1 (with 区政府办) and part 4
const REFORM = 'approval-reform-office'; // leads 2.1
const LETTERS = 'letters-visits-bureau'; // leads part 5
const HB = 'haibin-street'; // the assessed street
const KY = 'kaiyuan-street'; // another street

const UNAUTHENTICATED = ['no key', 'wrong scheme', 'malformed key', 'unknown key', 'revoked key'] as const;
type Unauthenticated = (typeof UNAUTHENTICATED)[number];
/** One of UNAUTHENTICATED, or the unit whose API key the caller holds. */
type Role = Unauthenticated | (string & {});
const LEADS = [CENTRE, ECON, REFORM, LETTERS] as const;
const AUTHENTICATED: Role[] = [GOV, ...LEADS, HB, KY];

// ---------------------------------------------------------------------------------------------------- events
type Data = Record<string, unknown>;
const evidence = [{ kind: 'document', ref: '检查记录.pdf', sha256: 'a'.repeat(64) }];
const at = (date: string) => `${date}T10:00:00+08:00`;
const ev = (type: string, data: Data, withEvidence = true, occurredAt = at('2017-10-10')) => ({
  eventId: randomUUID(),
  type,
  occurredAt,
  ...(withEvidence ? { evidence } : {}),
  data,
});
const opened = (assessmentId: string) => ev('AssessmentOpened', { assessmentId, rulebook: 'lc-2017', title: '考核' }, false, at('2017-01-03'));
const registered = (unitId: string) => ev('UnitRegistered', { unitId, name: unitId, kind: 'street' }, false, at('2017-01-03'));
const task = (unitId: string, indicator = '1.1') => ev('TaskIncompleteFound', { unitId, indicator, taskRef: `任务-${randomUUID()}`, note: '未完成' });
const batch = (unitId: string) => ev('ListBatchPublished', { unitId, batch: 1, itemCount: 10 }, true, at('2017-04-20'));
const metric = (unitId: string, indicator: string, numerator = 9, denominator = 10) =>
  ev('MetricMeasured', { unitId, indicator, numerator, denominator });
const spotCheck = (unitId: string, indicator = '3.5') => ev('SpotCheckRecorded', { unitId, indicator, outcome: 'fail', subject: `办件 ${randomUUID()}`, note: '' });
const criterion = (unitId: string, indicator = '4.1') => ev('CriterionAssessed', { unitId, indicator, met: false, note: '未开展' });
const outage = (unitId: string) => ev('OutageStarted', { unitId, outageId: `O-${randomUUID()}`, system: '闽政通' });
const notApplicable = (unitId: string, indicator: string) => ev('IndicatorNotApplicable', { unitId, indicator, reason: '不涉及' });
const retraction = (unitId: string, findingEventId: string) => ev('FindingRetracted', { unitId, findingEventId, reason: '误报' }, true, at('2017-11-01'));
const dispute = (unitId: string, findingEventIds: string[], disputeId = `D-${randomUUID()}`) =>
  ev('DisputeFiled', { unitId, disputeId, findingEventIds, grounds: '理由' }, true, at('2017-10-20'));
const resolution = (unitId: string, disputeId: string) => ev('DisputeResolved', { unitId, disputeId, decision: 'upheld', note: '维持' }, true, at('2017-11-05'));
const selfAssessment = (unitId: string) =>
  ev('SelfAssessmentSubmitted', { unitId, parts: { 1: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 90 }, signedBy: '负责人', documentSha256: 'c'.repeat(64) }, false, at('2017-11-10'));
const resultsPublished = () =>
  ev(
    'ResultsPublished',
    { assessmentId: 'lc-2017', asOf: '2017-12-31T23:59:59.999+08:00', knownAt: '2018-01-05T00:00:00+08:00', ledgerPosition: 1, ledgerHash: 'd'.repeat(64), scoresSha256: 'e'.repeat(64) },
    false,
    '2018-01-06T09:00:00+08:00',
  );

// ---------------------------------------------------------------------------------------------------- the ledger the cases run on
/** Ids of the events appended in beforeAll, which cases refer to. */
const fx = {
  f35HB: '', // 3.5 about 海滨 by 区行政服务中心
  f41HB: '', // 4.1 about 海滨 by 区经信局
  f51HB: '', // 5.1 about 海滨 by 区信访局
  b1HB: '', // 2.1 about 海滨 by 区审改办
  f35KY: '', // 3.5 about 开元 by 区行政服务中心
  f35ECON: '', // 3.5 about the lead unit 区经信局 itself, by 区行政服务中心
  toRetractByAuthor: '',
  toRetractByOthers: '',
  toRetractByGov: '',
  regHB: '',
  selfHB: '',
  disputeHB35: '', // eventId of HB's dispute about the 3.5 finding
  disputeHB41: '', // eventId of HB's dispute about the 4.1 finding
  disputeKY35: '',
  resultId: '',
};
const DISPUTE_HB_35 = 'HB-35';
const DISPUTE_HB_41 = 'HB-41';
const DISPUTE_KY_35 = 'KY-35';

// ---------------------------------------------------------------------------------------------------- the matrix
type Value<T> = T | (() => T);
interface Case {
  role: Role;
  method: 'GET' | 'POST';
  path: Value<string>;
  body?: Value<unknown>;
  /** What the case shows, in the test name. */
  what?: string;
  status: number;
  /** For a refusal: every message must name one of these fields. */
  fields?: string[];
  /** For a 201: how many events the ledger stores. */
  stores?: number;
  check?: (res: Response) => void | Promise<void>;
}
/** The fixture an event id belongs to, so a failure names events rather than UUIDs. */
const fixtureName = (id: string): string => Object.entries(fx).find(([, v]) => v === id)?.[0] ?? id;
const resolve = <T>(v: Value<T>): T => (typeof v === 'function' ? (v as () => T)() : v);

const ids = (res: Response): string[] => (res.body.events as { eventId: string }[]).map((e) => e.eventId);
const unitIds = (res: Response): string[] => (res.body.units as { unitId: string }[]).map((u) => u.unitId);
const disputeIds = (res: Response): string[] => (res.body.disputes as { disputeId: string }[]).map((d) => d.disputeId);
const timelineEventIds = (res: Response): string[] =>
  (res.body.steps as { events: { eventId: string }[] }[]).flatMap((s) => s.events.map((e) => e.eventId));

/** Every route with a request an authorized caller could make: the 401 rows run each of them without valid credentials. */
const ROUTES: { method: 'GET' | 'POST'; path: Value<string>; body?: Value<unknown> }[] = [
  { method: 'POST', path: '/v1/events', body: () => spotCheck(HB) },
  { method: 'GET', path: `/v1/events?unitId=${HB}` },
  { method: 'GET', path: `/v1/scores?unitId=${HB}` },
  { method: 'GET', path: '/v1/scores/summary' },
  { method: 'GET', path: '/v1/units' },
  { method: 'GET', path: '/v1/rankings' },
  { method: 'GET', path: '/v1/disputes' },
  { method: 'POST', path: '/v1/results', body: { assessmentId: 'lc-2017' } },
  { method: 'GET', path: () => `/v1/results/${fx.resultId}` },
  { method: 'GET', path: () => `/v1/results/${fx.resultId}/scores` },
  { method: 'GET', path: `/v1/units/${HB}/timeline` },
  { method: 'GET', path: '/v1/verify' },
];

const post = (role: Role, what: string, body: Value<unknown>, status: number, extra: Partial<Case> = {}): Case => ({
  role,
  method: 'POST',
  path: '/v1/events',
  body,
  what,
  status,
  ...(status === 201 ? { stores: 1 } : {}),
  ...(status === 403 ? { fields: ['events[0].actor'] } : {}),
  ...extra,
});
const get = (role: Role, path: Value<string>, status: number, extra: Partial<Case> = {}): Case => ({ role, method: 'GET', path, status, ...extra });

const CASES: Case[] = [
  // ------------------------------------------------------------------ no valid credentials: 401 on every route
  ...UNAUTHENTICATED.flatMap((role) => ROUTES.map((r): Case => ({ role, ...r, status: 401, fields: ['Authorization'] }))),
  // /health needs no key (and a bad one does not matter)
  ...(['no key', 'malformed key', 'revoked key', GOV, HB] as Role[]).map((role) => get(role, '/health', 200, { check: (res) => expect(res.body.status).toBe('ok') })),

  // ------------------------------------------------------------------ POST /v1/events: reference data (区政府办 only)
  post(GOV, 'UnitRegistered', () => registered(`new-street-${randomUUID().slice(0, 8)}`), 201),
  ...[CENTRE, ECON, HB, KY].map((role) => post(role, 'UnitRegistered', () => registered(`new-street-${randomUUID().slice(0, 8)}`), 403)),
  post(GOV, 'AssessmentOpened', () => opened(`extra-${randomUUID().slice(0, 8)}`), 201),
  ...[CENTRE, LETTERS, HB].map((role) => post(role, 'AssessmentOpened', () => opened(`extra-${randomUUID().slice(0, 8)}`), 403)),

  // ------------------------------------------------------------------ POST /v1/events: findings, the indicator's lead only
  post(GOV, 'TaskIncompleteFound 1.1 (part 1 lead)', () => task(HB, '1.1'), 201),
  post(ECON, 'TaskIncompleteFound 1.2 (part 1 lead)', () => task(HB, '1.2'), 201),
  ...[CENTRE, HB].map((role) => post(role, 'TaskIncompleteFound 1.1', () => task(HB, '1.1'), 403)),
  post(REFORM, 'ListBatchPublished (2.1 lead)', () => batch(HB), 201),
  ...[CENTRE, GOV, HB].map((role) => post(role, 'ListBatchPublished', () => batch(HB), 403)),
  post(CENTRE, 'MetricMeasured 2.2 (2.2 lead)', () => metric(HB, '2.2'), 201),
  post(REFORM, 'MetricMeasured 2.2 (leads 2.1, not 2.2)', () => metric(HB, '2.2'), 403),
  post(CENTRE, 'SpotCheckRecorded 3.5 (part 3 lead)', () => spotCheck(HB, '3.5'), 201),
  ...[GOV, ECON, REFORM, LETTERS, HB, KY].map((role) => post(role, 'SpotCheckRecorded 3.5', () => spotCheck(HB, '3.5'), 403)),
  post(ECON, 'CriterionAssessed 4.1 (part 4 lead)', () => criterion(HB, '4.1'), 201),
  post(CENTRE, 'CriterionAssessed 3.7b (part 3 lead)', () => criterion(HB, '3.7b'), 201),
  post(CENTRE, 'CriterionAssessed 4.1', () => criterion(HB, '4.1'), 403),
  post(ECON, 'CriterionAssessed 3.7b', () => criterion(HB, '3.7b'), 403),
  post(ECON, 'OutageStarted (part 4 lead)', () => outage(HB), 201),
  ...[CENTRE, HB].map((role) => post(role, 'OutageStarted', () => outage(HB), 403)),
  post(LETTERS, 'MetricMeasured 5.1 (part 5 lead)', () => metric(HB, '5.1'), 201),
  ...[CENTRE, ECON, GOV].map((role) => post(role, 'MetricMeasured 5.1', () => metric(HB, '5.1'), 403)),
  post(CENTRE, 'SpotCheckRecorded 6.1 (part 6 lead)', () => spotCheck(HB, '6.1'), 201),
  post(LETTERS, 'SpotCheckRecorded 6.1', () => spotCheck(HB, '6.1'), 403),
  post(LETTERS, 'IndicatorNotApplicable 5.2 (its lead)', () => notApplicable(HB, '5.2'), 201),
  post(CENTRE, 'IndicatorNotApplicable 5.2', () => notApplicable(HB, '5.2'), 403),
  post(CENTRE, 'a finding about a lead unit (no registration needed)', () => spotCheck(LETTERS, '3.5'), 201),
  post(CENTRE, 'a batch where one event is not its own (all or nothing)', () => [spotCheck(HB, '3.5'), metric(HB, '5.1')], 403, {
    fields: ['events[1].actor'],
  }),

  // ------------------------------------------------------------------ POST /v1/events: retractions
  post(CENTRE, 'FindingRetracted by the finding’s author', () => retraction(HB, fx.toRetractByAuthor), 201),
  ...[ECON, LETTERS, HB].map((role) => post(role, 'FindingRetracted of another lead’s finding', () => retraction(HB, fx.toRetractByOthers), 403)),
  post(GOV, 'FindingRetracted by 区政府办 (not the author)', () => retraction(HB, fx.toRetractByGov), 201),
  post(GOV, 'FindingRetracted of an unknown event', () => retraction(HB, randomUUID()), 400, { fields: ['events[0].data.findingEventId'] }),

  // ------------------------------------------------------------------ POST /v1/events: disputes
  post(HB, 'DisputeFiled by the unit itself', () => dispute(HB, [fx.f35HB]), 201),
  ...[KY, CENTRE, GOV].map((role) => post(role, 'DisputeFiled for another unit', () => dispute(HB, [fx.f35HB]), 403)),
  post(HB, 'DisputeFiled naming another unit’s finding', () => dispute(HB, [fx.f35KY]), 400, { fields: ['events[0].data.findingEventIds[0]'] }),
  ...[CENTRE, ECON, HB, KY].map((role) => post(role, 'DisputeResolved', () => resolution(HB, DISPUTE_HB_35), 403)),
  post(GOV, 'DisputeResolved by 区政府办', () => resolution(HB, DISPUTE_HB_35), 201),
  post(GOV, 'DisputeResolved of an unknown dispute', () => resolution(HB, 'NO-SUCH-DISPUTE'), 400, { fields: ['events[0].data.disputeId'] }),

  // ------------------------------------------------------------------ POST /v1/events: self-assessment, publication
  post(HB, 'SelfAssessmentSubmitted by the unit itself', () => selfAssessment(HB), 201),
  ...[KY, GOV, CENTRE].map((role) => post(role, 'SelfAssessmentSubmitted for another unit', () => selfAssessment(HB), 403)),
  // ResultsPublished carries a digest the ledger must compute itself: only POST /v1/results appends it.
  ...[GOV, CENTRE, HB].map((role) => post(role, 'ResultsPublished', resultsPublished, 400, { fields: ['type'] })),

  // ------------------------------------------------------------------ POST /v1/events: bad input names the field, stores nothing
  post(CENTRE, 'numerator > denominator', () => metric(HB, '3.2', 11, 10), 400, { fields: ['events[0].data.numerator'] }),
  post(CENTRE, 'an unknown indicator', () => spotCheck(HB, '9.9'), 400, { fields: ['events[0].data.indicator'] }),
  post(CENTRE, 'an indicator the type does not feed', () => spotCheck(HB, '3.2'), 400, { fields: ['events[0].data.indicator'] }),
  post(CENTRE, 'a unit no UnitRegistered introduced', () => spotCheck('fengze-street', '3.5'), 400, { fields: ['events[0].data.unitId'] }),
  post(CENTRE, 'occurredAt outside the assessment year', () => ({ ...spotCheck(HB), occurredAt: '2016-12-31T10:00:00+08:00' }), 400, {
    fields: ['events[0].occurredAt'],
  }),
  post(CENTRE, 'an unknown type', () => ({ ...spotCheck(HB), type: 'SomethingHappened' }), 400, { fields: ['events[0].type'] }),
  post(CENTRE, 'a finding without evidence', () => ({ ...spotCheck(HB), evidence: [] }), 400, { fields: ['events[0].evidence'] }),
  post(CENTRE, 'a malformed expectedRevision', () => ({ ...spotCheck(HB), expectedRevision: 'soon' }), 400, { fields: ['events[0].expectedRevision'] }),
  post(CENTRE, 'an empty batch', [], 400, { fields: ['events'] }),
  // Another unit replaying a stored event's id: not an idempotent retry (the actor differs), so refused, nothing leaked.
  post(LETTERS, 'the id and content of another unit’s stored finding', () => ({ ...storedCopy }), 409, {
    fields: ['eventId'],
    check: (res) => expect(JSON.stringify(res.body)).not.toContain('"hash"'),
  }),

  // ------------------------------------------------------------------ GET /v1/events
  get(GOV, `/v1/events?unitId=${HB}`, 200, {
    what: 'another unit’s whole trail',
    check: (res) => expect(ids(res)).toEqual(expect.arrayContaining([fx.regHB, fx.f35HB, fx.f41HB, fx.f51HB, fx.b1HB, fx.selfHB, fx.disputeHB35, fx.disputeHB41])),
  }),
  get(GOV, '/v1/events?limit=1000', 200, {
    what: 'the whole ledger',
    check: (res) => expect(ids(res)).toEqual(expect.arrayContaining([fx.f35KY, fx.f35ECON, fx.f35HB, fx.disputeKY35])),
  }),
  get(HB, `/v1/events?unitId=${HB}`, 200, {
    what: 'its own whole trail',
    check: (res) => expect(ids(res)).toEqual(expect.arrayContaining([fx.regHB, fx.f35HB, fx.f41HB, fx.f51HB, fx.b1HB, fx.selfHB, fx.disputeHB35, fx.disputeHB41])),
  }),
  get(HB, `/v1/events?unitId=${KY}`, 403, { what: 'another unit’s trail', fields: ['unitId'] }),
  get(HB, `/v1/events?limit=1000`, 200, {
    what: 'no filter: only itself',
    check: (res) => {
      expect(ids(res)).toContain(fx.f35HB);
      expect((res.body.events as { data: Data }[]).map((e) => e.data.unitId)).toEqual(res.body.events.map(() => HB));
    },
  }),
  get(KY, `/v1/events?limit=1000`, 200, {
    what: 'no filter: only itself',
    check: (res) => {
      expect(ids(res)).toEqual(expect.arrayContaining([fx.f35KY, fx.disputeKY35]));
      expect((res.body.events as { data: Data }[]).map((e) => e.data.unitId)).toEqual(res.body.events.map(() => KY));
    },
  }),
  get(CENTRE, `/v1/events?unitId=${HB}`, 200, {
    what: 'a lead on another unit: only the indicators it leads (3.5 and the dispute about it)',
    check: (res) => {
      expect(ids(res)).toEqual(expect.arrayContaining([fx.f35HB, fx.disputeHB35]));
      for (const hidden of [fx.regHB, fx.f41HB, fx.f51HB, fx.b1HB, fx.selfHB, fx.disputeHB41]) expect(ids(res)).not.toContain(hidden);
    },
  }),
  get(ECON, `/v1/events?unitId=${HB}`, 200, {
    what: 'a lead on another unit: only the indicators it leads (4.1 and the dispute about it)',
    check: (res) => {
      expect(ids(res)).toEqual(expect.arrayContaining([fx.f41HB, fx.disputeHB41]));
      for (const hidden of [fx.regHB, fx.f35HB, fx.f51HB, fx.b1HB, fx.selfHB, fx.disputeHB35]) expect(ids(res)).not.toContain(hidden);
    },
  }),
  get(ECON, `/v1/events?unitId=${ECON}`, 200, {
    what: 'a lead on its own unit: everything about it, indicators it does not lead included',
    check: (res) => expect(ids(res)).toContain(fx.f35ECON),
  }),
  get(LETTERS, `/v1/events?unitId=${HB}&indicator=3.5`, 200, {
    what: 'a lead filtering by an indicator it does not lead: nothing',
    check: (res) => expect(res.body.events).toEqual([]),
  }),
  get(REFORM, `/v1/events?limit=1000`, 200, {
    what: 'a lead, no filter: its indicators across units, nothing else',
    check: (res) => {
      expect(ids(res)).toContain(fx.b1HB);
      for (const hidden of [fx.f35HB, fx.f35KY, fx.f35ECON, fx.f41HB, fx.regHB, fx.selfHB]) expect(ids(res)).not.toContain(hidden);
    },
  }),
  get(GOV, '/v1/events?limit=0', 400, { what: 'a bad limit', fields: ['limit'] }),
  get(GOV, '/v1/events?type=Nope', 400, { what: 'an unknown type', fields: ['type'] }),
  get(GOV, '/v1/events?colour=red', 400, { what: 'an unknown parameter', fields: ['colour'] }),

  // ------------------------------------------------------------------ GET /v1/scores
  get(HB, `/v1/scores?unitId=${HB}`, 200, { what: 'its own', check: (res) => expect(unitIds(res)).toEqual([HB]) }),
  get(HB, '/v1/scores', 200, { what: 'all: only its own', check: (res) => expect(unitIds(res)).toEqual([HB]) }),
  get(HB, `/v1/scores?unitId=${KY}`, 403, { what: 'another unit’s', fields: ['unitId'] }),
  get(KY, `/v1/scores?unitId=${HB}`, 403, { what: 'another unit’s', fields: ['unitId'] }),
  ...LEADS.map((role) => get(role, `/v1/scores?unitId=${HB}`, 200, { what: 'another unit’s', check: (res) => expect(unitIds(res)).toEqual([HB]) })),
  ...LEADS.map((role) => get(role, '/v1/scores', 200, { what: 'all', check: (res) => expect(unitIds(res)).toEqual(expect.arrayContaining([HB, KY])) })),
  get(GOV, '/v1/scores', 200, { what: 'all', check: (res) => expect(unitIds(res)).toEqual(expect.arrayContaining([HB, KY])) }),
  get(GOV, '/v1/scores?unitId=nowhere-street', 404, { what: 'an unregistered unit', fields: ['unitId'] }),
  get(GOV, '/v1/scores?asOf=yesterday', 400, { what: 'a bad asOf', fields: ['asOf'] }),
  // The summary reads as all-unit scores read: a unit its own only, the leads and 区政府办 every unit.
  get(HB, '/v1/scores/summary', 200, { what: 'all: only its own', check: (res) => expect(unitIds(res)).toEqual([HB]) }),
  ...LEADS.map((role) => get(role, '/v1/scores/summary', 200, { what: 'all', check: (res) => expect(unitIds(res)).toEqual(expect.arrayContaining([HB, KY])) })),
  get(GOV, '/v1/scores/summary', 200, { what: 'all', check: (res) => expect(unitIds(res)).toEqual(expect.arrayContaining([HB, KY])) }),
  get(GOV, '/v1/scores/summary?unitId=haibin-street', 400, { what: 'a unitId (summary is of all units)', fields: ['unitId'] }),

  // ------------------------------------------------------------------ GET /v1/units: reference data, every caller
  ...AUTHENTICATED.map((role) => get(role, '/v1/units', 200, { check: (res) => expect(unitIds(res)).toEqual(expect.arrayContaining([HB, KY])) })),

  // ------------------------------------------------------------------ GET /v1/rankings: 区政府办 and the leads
  ...[GOV, ...LEADS].map((role) => get(role, '/v1/rankings', 200, { check: (res) => expect(unitIds(res)).toEqual(expect.arrayContaining([HB, KY])) })),
  get(CENTRE, '/v1/rankings?asOf=2017-11-30T23:59:59%2B08:00', 200, { what: 'at a point in time', check: (res) => expect(unitIds(res)).toEqual(expect.arrayContaining([HB, KY])) }),
  ...[HB, KY].map((role) => get(role, '/v1/rankings', 403, { fields: ['actor'] })),
  ...[HB, KY].map((role) => get(role, '/v1/rankings?asOf=2017-11-30T23:59:59%2B08:00', 403, { what: 'at a point in time', fields: ['actor'] })),
  get(GOV, '/v1/rankings?asOf=nope', 400, { what: 'a bad asOf', fields: ['asOf'] }),

  // ------------------------------------------------------------------ GET /v1/disputes: a unit sees only its own
  get(HB, '/v1/disputes', 200, {
    what: 'its own only',
    check: (res) => {
      expect(disputeIds(res)).toEqual(expect.arrayContaining([DISPUTE_HB_35, DISPUTE_HB_41]));
      expect((res.body.disputes as { unitId: string }[]).every((d) => d.unitId === HB)).toBe(true);
    },
  }),
  get(HB, `/v1/disputes?unitId=${HB}`, 200, { what: 'its own by name', check: (res) => expect(disputeIds(res)).toContain(DISPUTE_HB_35) }),
  get(HB, `/v1/disputes?unitId=${KY}`, 403, { what: 'another unit’s', fields: ['unitId'] }),
  get(KY, '/v1/disputes', 200, { what: 'its own only', check: (res) => expect(disputeIds(res)).toEqual([DISPUTE_KY_35]) }),
  get(GOV, '/v1/disputes', 200, { what: 'every unit’s', check: (res) => expect(disputeIds(res)).toEqual(expect.arrayContaining([DISPUTE_HB_35, DISPUTE_HB_41, DISPUTE_KY_35])) }),
  get(CENTRE, '/v1/disputes', 200, {
    what: 'a lead: the disputes about the indicators it leads',
    check: (res) => {
      expect(disputeIds(res)).toEqual(expect.arrayContaining([DISPUTE_HB_35, DISPUTE_KY_35]));
      // Only disputes about the indicators it leads (plus its own unit's): HB-41 is about 区经信局's 4.1 finding.
      expect(disputeIds(res)).not.toContain(DISPUTE_HB_41);
    },
  }),
  get(GOV, '/v1/disputes?status=maybe', 400, { what: 'a bad status', fields: ['status'] }),

  // ------------------------------------------------------------------ POST /v1/results: 区政府办 only
  { role: GOV, method: 'POST', path: '/v1/results', body: { assessmentId: 'lc-2017', knownAt: '2030-01-01T00:00:00+08:00' }, status: 201, stores: 1 },
  ...[...LEADS, HB, KY].map((role): Case => ({ role, method: 'POST', path: '/v1/results', body: { assessmentId: 'lc-2017' }, status: 403, fields: ['actor'] })),
  { role: GOV, method: 'POST', path: '/v1/results', body: { assessmentId: 'Not An Id' }, what: 'a bad assessmentId', status: 400, fields: ['assessmentId'] },
  { role: GOV, method: 'POST', path: '/v1/results', body: { assessmentId: 'lc-2017', extra: 1 }, what: 'an unknown field', status: 400, fields: ['extra'] },
  { role: GOV, method: 'POST', path: '/v1/results', body: { assessmentId: 'lc-2099' }, what: 'an assessment never opened', status: 400, fields: ['assessmentId'] },

  // ------------------------------------------------------------------ GET /v1/results/:id: published, so every caller
  ...AUTHENTICATED.map((role) =>
    get(role, () => `/v1/results/${fx.resultId}`, 200, { check: (res) => expect(res.body).toMatchObject({ resultId: fx.resultId, assessmentId: 'lc-2017' }) }),
  ),
  ...AUTHENTICATED.map((role) =>
    get(role, () => `/v1/results/${fx.resultId}/scores`, 200, { what: 'its full scores', check: (res) => expect(unitIds(res)).toEqual(expect.arrayContaining([HB, KY])) }),
  ),
  get(GOV, '/v1/results/nope', 400, { what: 'a malformed id', fields: ['id'] }),
  get(GOV, '/v1/results/nope/scores', 400, { what: 'a malformed id (full scores)', fields: ['id'] }),
  get(GOV, () => `/v1/results/${randomUUID()}`, 404, { what: 'an unknown id', fields: ['id'] }),
  get(GOV, () => `/v1/results/${fx.f35HB}`, 404, { what: 'the id of an event that is no result', fields: ['id'] }),

  // ------------------------------------------------------------------ GET /v1/units/:id/timeline
  get(GOV, `/v1/units/${HB}/timeline`, 200, { what: 'another unit’s', check: (res) => expect(timelineEventIds(res)).toEqual(expect.arrayContaining([fx.f35HB, fx.f41HB, fx.selfHB])) }),
  get(HB, `/v1/units/${HB}/timeline`, 200, { what: 'its own', check: (res) => expect(timelineEventIds(res)).toEqual(expect.arrayContaining([fx.f35HB, fx.f41HB, fx.selfHB])) }),
  get(HB, `/v1/units/${KY}/timeline`, 403, { what: 'another unit’s', fields: ['unitId'] }),
  get(KY, `/v1/units/${HB}/timeline`, 403, { what: 'another unit’s', fields: ['unitId'] }),
  get(ECON, `/v1/units/${ECON}/timeline`, 200, { what: 'a lead, its own', check: (res) => expect(timelineEventIds(res)).toContain(fx.f35ECON) }),
  ...LEADS.map((role) =>
    get(role, `/v1/units/${HB}/timeline`, 200, {
      what: 'a lead on another unit: scores, and only the events of the indicators it leads',
      check: (res) => {
        expect(res.body.steps.length).toBeGreaterThan(0);
        // The steps' events are limited to the indicators the caller leads, as in GET /v1/events.
        const own = { [CENTRE]: fx.f35HB, [ECON]: fx.f41HB, [REFORM]: fx.b1HB, [LETTERS]: fx.f51HB }[role];
        const notItsOwn = [fx.f35HB, fx.f41HB, fx.b1HB, fx.f51HB, fx.selfHB, fx.disputeHB35, fx.disputeHB41].filter(
          (id) => id !== own && !(role === CENTRE && id === fx.disputeHB35) && !(role === ECON && id === fx.disputeHB41),
        );
        const shown = timelineEventIds(res);
        expect(notItsOwn.filter((id) => shown.includes(id)).map(fixtureName)).toEqual([]);
      },
    }),
  ),
  get(GOV, '/v1/units/nowhere-street/timeline', 404, { what: 'an unregistered unit', fields: ['unitId'] }),
  get(GOV, `/v1/units/${HB}/timeline?knownAt=later`, 400, { what: 'a bad knownAt', fields: ['knownAt'] }),

  // ------------------------------------------------------------------ GET /v1/verify: every caller
  ...AUTHENTICATED.map((role) => get(role, '/v1/verify', 200, { check: (res) => expect(res.body).toMatchObject({ ok: true, problems: [] }) })),
];

/** A copy (same id, same content) of a finding 区行政服务中心 stored, for the replay-by-another-unit case. */
let storedCopy: Record<string, unknown> = {};

const ERROR_NAMES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };

describe('the permission matrix: every caller × every route', () => {
  let t: LedgerTestApp;
  let adminPool: pg.Pool;
  const authorization = new Map<Role, string | null>();

  beforeAll(async () => {
    t = await startLedgerTestApp('permissions');
    const appendAs = async (unitId: string, events: unknown[]) => {
      const res = await (await t.as(unitId)).post('/v1/events', events);
      if (res.status !== 201) throw new Error(`fixture append as ${unitId} answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body as { eventId: string }[];
    };
    const [, reg] = await appendAs(GOV, [opened('lc-2017'), registered(HB), registered(KY)]);
    fx.regHB = reg.eventId;
    const centreFindings = [spotCheck(HB), spotCheck(KY), spotCheck(ECON), spotCheck(HB), spotCheck(HB), spotCheck(HB)];
    await appendAs(CENTRE, centreFindings);
    [fx.f35HB, fx.f35KY, fx.f35ECON, fx.toRetractByAuthor, fx.toRetractByOthers, fx.toRetractByGov] = centreFindings.map((e) => e.eventId);
    storedCopy = centreFindings[5];
    const f41 = criterion(HB, '4.1');
    const f51 = metric(HB, '5.1');
    const b1 = batch(HB);
    await appendAs(ECON, [f41]);
    await appendAs(LETTERS, [f51]);
    await appendAs(REFORM, [b1]);
    [fx.f41HB, fx.f51HB, fx.b1HB] = [f41.eventId, f51.eventId, b1.eventId];
    const hbDisputes = [dispute(HB, [fx.f35HB], DISPUTE_HB_35), dispute(HB, [fx.f41HB], DISPUTE_HB_41), selfAssessment(HB)];
    await appendAs(HB, hbDisputes);
    [fx.disputeHB35, fx.disputeHB41, fx.selfHB] = hbDisputes.map((e) => e.eventId);
    const kyDispute = dispute(KY, [fx.f35KY], DISPUTE_KY_35);
    await appendAs(KY, [kyDispute]);
    fx.disputeKY35 = kyDispute.eventId;
    const published = await (await t.as(GOV)).post('/v1/results', { assessmentId: 'lc-2017', knownAt: '2030-01-01T00:00:00+08:00' });
    if (published.status !== 201) throw new Error(`fixture publication answered ${published.status}`);
    fx.resultId = published.body.resultId;

    // Credentials of every caller; the revoked key works until it is revoked.
    adminPool = createPool(t.db.url, { appRole: loadConfig({}).DATABASE_APP_ROLE, max: 1 });
    const keys = new ApiKeysRepository(adminPool);
    for (const role of AUTHENTICATED) authorization.set(role, `Bearer ${await t.keyFor(role)}`);
    authorization.set('no key', null);
    authorization.set('wrong scheme', `Basic ${Buffer.from(`${HB}:secret`).toString('base64')}`);
    authorization.set('malformed key', 'Bearer not-a-key');
    authorization.set('unknown key', `Bearer lk_0000000000_${'x'.repeat(40)}`);
    const revoked = await keys.issue(HB, 'former-employee');
    authorization.set('revoked key', `Bearer ${revoked.key}`);
    await request(t.app.getHttpServer()).get('/v1/verify').set('Authorization', `Bearer ${revoked.key}`).expect(200);
    expect(await keys.revoke(revoked.keyId)).toBe(true);
  });
  afterAll(async () => {
    await adminPool?.end();
    await t?.close();
  });

  const title = (c: Case) =>
    `${c.role.padEnd(22)} ${c.method.padEnd(4)} ${typeof c.path === 'string' ? c.path : '/v1/results/:id'}` +
    `${c.what ? ` [${c.what}]` : ''} → ${c.status}`;

  for (const c of CASES) {
    it(title(c), async () => {
      const server = t.app.getHttpServer();
      const path = resolve(c.path);
      const headBefore = await t.head();
      let req = c.method === 'GET' ? request(server).get(path) : request(server).post(path);
      const auth = authorization.get(c.role);
      if (auth) req = req.set('Authorization', auth);
      const res = c.method === 'POST' ? await req.send(resolve(c.body) as object) : await req;

      expect([res.status, res.status === c.status ? 'as expected' : res.body]).toEqual([c.status, 'as expected']);
      // Nothing stored by a read or a refusal; exactly the sent events by a 201.
      expect(await t.head()).toBe(headBefore + (res.status === 201 ? (c.stores ?? 0) : 0));
      if (res.status >= 400) {
        // `problems` (index, field, code, reason) accompanies a refused append: one per message about an event.
        const problems = res.body.problems as { index: number; field: string; reason: string }[] | undefined;
        expect(res.body).toEqual({ statusCode: c.status, error: ERROR_NAMES[c.status], message: expect.any(Array), ...(problems ? { problems: expect.any(Array) } : {}) });
        for (const p of problems ?? []) expect(res.body.message).toContain(`events[${p.index}].${p.field}: ${p.reason}`);
        const messages = res.body.message as unknown[];
        expect(messages.length).toBeGreaterThan(0);
        for (const m of messages) expect(typeof m).toBe('string');
      }
      await c.check?.(res);
      if (res.status >= 400) {
        const fields = c.fields ?? [];
        const unnamed = (res.body.message as string[]).filter((m) => !fields.some((f) => m.includes(f)));
        expect({ messagesNamingNoneOf: fields, unnamed }).toEqual({ messagesNamingNoneOf: fields, unnamed: [] });
      }
    });
  }

  it('answers a malformed JSON body with the error shape, naming the body, storing nothing', async () => {
    const head = await t.head();
    const res = await request(t.app.getHttpServer())
      .post('/v1/events')
      .set('Authorization', authorization.get(CENTRE)!)
      .set('Content-Type', 'application/json')
      .send('{"type": "SpotCheckRecorded",');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: [expect.stringMatching(/body/i)] });
    expect(await t.head()).toBe(head);
  });
});
