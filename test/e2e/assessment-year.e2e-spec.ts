// Acceptance: the whole 2017 assessment year (泉鲤政办〔2017〕143号, rulebook lc-2017) as one scenario over HTTP.
// Every expected score is computed by hand from /work/shared/spec/rulebook-2017.md; the arithmetic is in the comment
// beside it. The `it`s run in order and share the ledger: the first ones append the year, the later ones read it.
import { randomUUID } from 'node:crypto';
import { startLedgerTestApp, type AuthenticatedClient, type LedgerTestApp } from './support/ledger-test-app.js';

// ---------------------------------------------------------------------------------------------------------------
// Units and times
const GOV = 'gov-office';
const ECON = 'economy-it-bureau';
const REFORM = 'approval-reform-office';
const CENTRE = 'admin-service-centre';
const LETTERS = 'letters-visits-bureau';
const HZ = 'hi-tech-zone';
const HB = 'haibin-street';
const KY = 'kaiyuan-street';
const JN = 'jiangnan-street';
const MB = 'market-regulation-bureau';

const YEAR_END = '2017-12-31T23:59:59.999+08:00';
const FAR_FUTURE = '2030-01-01T00:00:00+08:00';
const NOV_30 = '2017-11-30T23:59:59+08:00';

// ---------------------------------------------------------------------------------------------------------------
// Event builders (the envelope of events.md §1 without recordedAt/actor, which the ledger sets)
type NewEvent = { eventId: string; type: string; occurredAt: string; evidence?: unknown[]; data: Record<string, unknown> };
const doc = (ref: string) => [{ kind: 'document', ref, sha256: 'b'.repeat(64) }];
const sys = [{ kind: 'system-record', ref: '省网上办事大厅监测平台记录' }];

const ev = (type: string, occurredAt: string, data: Record<string, unknown>, evidence: unknown[] | undefined = sys): NewEvent => ({
  eventId: randomUUID(),
  type,
  occurredAt,
  ...(evidence ? { evidence } : {}),
  data,
});
const at = (date: string, time = '10:00:00') => `${date}T${time}+08:00`;

const opened = () => ev('AssessmentOpened', at('2017-09-29'), { assessmentId: 'lc-2017', rulebook: 'lc-2017', title: '2017年度“互联网+政务服务”绩效考核' }, undefined);
const registered = (unitId: string, name: string, kind: string) => ev('UnitRegistered', at('2017-09-29'), { unitId, name, kind }, undefined);
const taskIncomplete = (unitId: string, indicator: '1.1' | '1.2', taskRef: string, date: string) =>
  ev('TaskIncompleteFound', at(date), { unitId, indicator, taskRef, note: '年度任务未完成' }, doc(`督查通报-${taskRef}.pdf`));
const batch = (unitId: string, n: 1 | 2 | 3, occurredAt: string) => ev('ListBatchPublished', occurredAt, { unitId, batch: n, itemCount: 100 });
const metric = (unitId: string, indicator: string, numerator: number, denominator: number, date: string) =>
  ev('MetricMeasured', at(date), { unitId, indicator, numerator, denominator });
const spotCheck = (unitId: string, indicator: string, outcome: 'pass' | 'fail', subject: string, date: string) =>
  ev('SpotCheckRecorded', at(date), { unitId, indicator, outcome, subject, note: outcome === 'fail' ? '抽查发现问题' : '' }, doc(`抽查记录-${date}.pdf`));
const criterion = (unitId: string, indicator: string, met: boolean, date: string) =>
  ev('CriterionAssessed', at(date), { unitId, indicator, met, note: met ? '已完成' : '未开展' }, doc(`评定-${indicator}.pdf`));
const outageStarted = (unitId: string, outageId: string, occurredAt: string) =>
  ev('OutageStarted', occurredAt, { unitId, outageId, system: '闽政通接入服务' });
const outageRepaired = (unitId: string, outageId: string, occurredAt: string) => ev('OutageRepaired', occurredAt, { unitId, outageId });
const notApplicable = (unitId: string, indicator: string, reason: string) => ev('IndicatorNotApplicable', at('2017-06-01'), { unitId, indicator, reason }, doc('不涉及说明.pdf'));
const selfAssessment = (unitId: string, date: string, parts: Record<string, number>) =>
  ev('SelfAssessmentSubmitted', at(date), { unitId, parts, signedBy: `${unitId} 负责人`, documentSha256: 'c'.repeat(64) }, undefined);

// ---------------------------------------------------------------------------------------------------------------
// Reading helpers
interface Trace { points: number; messageKey: string; eventIds: string[]; params: Record<string, unknown>; interpretations: string[] }
interface Indicator { score: number; max: number; status: string; trace: Trace[] }
interface Unit { unitId: string; overall: number; parts: Record<string, number>; indicators: Record<string, Indicator>; interpretations: string[] }

async function scoresOf(client: AuthenticatedClient, unitId: string, asOf = YEAR_END, knownAt = FAR_FUTURE): Promise<Unit> {
  const res = await client.get(`/v1/scores?unitId=${unitId}&asOf=${encodeURIComponent(asOf)}&knownAt=${encodeURIComponent(knownAt)}`).expect(200);
  expect(res.body.units).toHaveLength(1);
  return res.body.units[0] as Unit;
}
/** [score, max, status] of every indicator, the compact form the hand-computed tables below use. */
const table = (unit: Unit) => Object.fromEntries(Object.entries(unit.indicators).map(([id, i]) => [id, [i.score, i.max, i.status]]));

describe('the 2017 assessment year, end to end', () => {
  let t: LedgerTestApp;
  let gov: AuthenticatedClient;
  // Events whose ids later steps need.
  const ids: Record<string, string> = {};
  /** System time between the in-year appends and the late-recorded ones (see "records late findings"). */
  let knownAtBeforeLateRecords: string;
  let published: { resultId: string; scores: { units: Unit[] } };
  /** The full scores a result pins, in one page (this ledger has a handful of units). */
  const resultScores = async (resultId: string) => (await gov.get(`/v1/results/${resultId}/scores?limit=1000`).expect(200)).body as { units: Unit[] };

  beforeAll(async () => {
    t = await startLedgerTestApp('assessment_year');
    gov = await t.as(GOV);
  });
  afterAll(() => t.close());

  async function append(unitId: string, events: NewEvent | NewEvent[]) {
    const res = await (await t.as(unitId)).post('/v1/events', events);
    if (res.status !== 201) throw new Error(`append as ${unitId} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
  /** A refused append: the status and the problems, and the head unmoved. */
  async function refused(unitId: string, event: NewEvent, status: number): Promise<string[]> {
    const head = await t.head();
    const res = await (await t.as(unitId)).post('/v1/events', event).expect(status);
    expect(await t.head()).toBe(head);
    return res.body.message as string[];
  }

  // ---------------------------------------------------------------------------------------------------- the year
  it('1. 区政府办 opens lc-2017 and registers the hi-tech zone, three streets and a department', async () => {
    const stored = await append(GOV, [
      opened(),
      registered(HZ, '高新区管委会', 'hi-tech-zone'),
      registered(HB, '海滨街道办事处', 'street'),
      registered(KY, '开元街道办事处', 'street'),
      registered(JN, '江南街道办事处', 'street'),
      registered(MB, '区市场监督管理局', 'department'),
    ]);
    expect(stored).toHaveLength(6);
    expect(await t.head()).toBe(6);
  });

  it('2. part 1 leads (区政府办, 区经信局) record uncompleted tasks', async () => {
    const [t1] = await append(GOV, [taskIncomplete(HZ, '1.1', '泉政〔2017〕3号-任务5', '2017-11-20')]);
    const [t7, t3] = await append(ECON, [
      taskIncomplete(HZ, '1.2', '泉鲤政文〔2017〕55号-任务7', '2017-10-10'),
      taskIncomplete(HZ, '1.2', '泉鲤政文〔2017〕55号-任务3', '2017-11-21'),
    ]);
    Object.assign(ids, { task5: t1.eventId, task7: t7.eventId, task3: t3.eventId });
  });

  it('3. 区审改办 records the list batches (HZ: batch 1 at 23:59:59 on its deadline, batch 2 late; HB: batch 1 late)', async () => {
    await append(REFORM, [
      batch(HZ, 1, '2017-04-30T23:59:59+08:00'),
      batch(HZ, 2, at('2017-08-03')),
      batch(HZ, 3, at('2017-10-20')),
      batch(HB, 1, at('2017-05-10')),
      batch(HB, 2, at('2017-07-15')),
      batch(HB, 3, '2017-10-31T23:59:59+08:00'),
    ]);
  });

  it('4. 区行政服务中心管委会 records rates, spot checks, a street not onboarded, a front-end fault, 3.7b and a not-applicable', async () => {
    // Ids are taken from the events as built: the answer lists the stored envelopes by stream, not in request order.
    const events = [
      metric(HZ, '2.2', 110, 200, '2017-06-30'), // the first measurement (55%), replaced on 12-20
      ev('StreetNotOnboarded', at('2017-09-28'), { unitId: HZ, street: '江南街道' }),
      spotCheck(HZ, '3.5', 'fail', '办件 FJ2017091500001 “材料不齐全”', '2017-09-15'),
      spotCheck(HZ, '3.5', 'pass', '办件 FJ2017092500002', '2017-09-25'),
      spotCheck(HZ, '3.5', 'fail', '办件 FJ2017100500003 未说明理由', '2017-10-05'),
      spotCheck(HZ, '3.7a', 'fail', '高新区门户首页无分厅链接', '2017-10-16'),
      ev('FrontEndFaultRecorded', at('2017-10-12'), { unitId: HZ, faultRef: '前置机故障通知 2017-031', note: '通知后未及时排除' }),
      criterion(HZ, '3.7b', true, '2017-10-30'),
      spotCheck(HZ, '6.1', 'fail', '证照 GX-2017-0091', '2017-09-20'),
      spotCheck(HZ, '6.1', 'fail', '证照 GX-2017-0133', '2017-10-18'),
      spotCheck(HZ, '6.2', 'fail', '存量证照 GX-2009-0007', '2017-10-22'),
      metric(HZ, '3.2', 45, 50, '2017-11-25'),
      metric(HZ, '3.3', 73, 100, '2017-11-25'),
      metric(HZ, '3.4', 180, 200, '2017-11-25'),
      metric(HZ, '3.6a', 95, 100, '2017-11-25'),
      metric(HZ, '3.6b', 95, 100, '2017-11-25'),
      metric(HZ, '3.9a', 94, 100, '2017-11-25'),
      metric(HZ, '3.9b', 80, 100, '2017-11-25'),
      metric(HZ, '3.9c', 799, 1000, '2017-11-25'),
      metric(HZ, '3.10a', 35, 100, '2017-11-25'),
      metric(HZ, '3.10b', 4, 5, '2017-11-25'),
      metric(HZ, '6.3', 45, 100, '2017-11-20'),
      notApplicable(HB, '2.2', '街道无本级行政审批和服务事项'),
      metric(HB, '3.3', 8, 100, '2017-10-15'),
      spotCheck(HB, '3.5', 'pass', '办件 FJ2017101100009', '2017-10-11'),
      metric(HB, '6.3', 10, 100, '2017-11-20'),
      notApplicable(MB, '3.1', '区直部门辖区内无街道'),
    ];
    const [, , failA, , failB, fail37a, , , l1, l2] = events;
    expect(await append(CENTRE, events)).toHaveLength(events.length);
    Object.assign(ids, { failA: failA.eventId, failB: failB.eventId, fail37a: fail37a.eventId, licence1: l1.eventId, licence2: l2.eventId });
  });

  it('5. 区经信局 records the Minzhengtong criteria and the outages (1 h, 5 h, 30 h, and one that opens on 11-30)', async () => {
    const o4 = outageStarted(HZ, 'O4', at('2017-11-30', '20:00:00')); // repaired 12-02 10:00, recorded late
    ids.o4 = o4.eventId;
    await append(ECON, [
      criterion(HZ, '4.1', true, '2017-09-20'),
      criterion(HZ, '4.2', true, '2017-09-20'),
      criterion(HZ, '4.4', false, '2017-06-01'),
      criterion(HZ, '4.4', true, '2017-09-15'), // the latest by occurredAt counts
      criterion(HB, '4.1', true, '2017-09-20'),
      criterion(HB, '4.2', true, '2017-09-20'),
      outageStarted(HZ, 'O1', at('2017-09-05', '09:00:00')),
      outageRepaired(HZ, 'O1', at('2017-09-05', '10:00:00')), // 1 h
      outageStarted(HZ, 'O2', at('2017-10-08', '08:00:00')),
      outageRepaired(HZ, 'O2', at('2017-10-08', '13:00:00')), // 5 h
      outageStarted(HZ, 'O3', at('2017-11-01', '08:00:00')),
      outageRepaired(HZ, 'O3', at('2017-11-02', '14:00:00')), // 30 h
      o4,
    ]);
  });

  it('6. 区信访局 records the 12345 rates', async () => {
    await append(LETTERS, [
      metric(HZ, '5.1', 97, 100, '2017-11-25'),
      metric(HZ, '5.2', 904, 1000, '2017-11-25'),
      metric(HB, '5.1', 100, 100, '2017-11-25'),
      metric(HB, '5.2', 790, 1000, '2017-11-25'),
    ]);
  });

  it('7. the hi-tech zone disputes two findings; 区政府办 overturns one and upholds the other', async () => {
    const [d1, d2] = await append(HZ, [
      ev('DisputeFiled', at('2017-10-10'), { unitId: HZ, disputeId: 'HZ-2017-01', findingEventIds: [ids.failB], grounds: '预审意见已写明缺少的具体材料' }, doc('申诉书-01.pdf')),
      ev('DisputeFiled', at('2017-11-01'), { unitId: HZ, disputeId: 'HZ-2017-02', findingEventIds: [ids.fail37a], grounds: '链接在首页底部' }, doc('申诉书-02.pdf')),
    ]);
    const [r1, r2] = await append(GOV, [
      ev('DisputeResolved', at('2017-10-25', '15:00:00'), { unitId: HZ, disputeId: 'HZ-2017-01', decision: 'overturned', note: '复核属实' }, doc('复核意见-01.pdf')),
      ev('DisputeResolved', at('2017-11-10'), { unitId: HZ, disputeId: 'HZ-2017-02', decision: 'upheld', note: '链接不在显著位置' }, doc('复核意见-02.pdf')),
    ]);
    Object.assign(ids, { dispute1: d1.eventId, dispute2: d2.eventId, resolution1: r1.eventId, resolution2: r2.eventId });
  });

  it('8. refuses a dispute filed by another unit (403), storing nothing', async () => {
    const message = await refused(
      HB,
      ev('DisputeFiled', at('2017-10-11'), { unitId: HZ, disputeId: 'HB-for-HZ', findingEventIds: [ids.failA], grounds: '代为申诉' }, doc('x.pdf')),
      403,
    );
    expect(message).toEqual([expect.stringMatching(/^events\[0\]\.actor: only unit "hi-tech-zone" itself may append its DisputeFiled, not "haibin-street"/)]);
  });

  it('9. the units submit their self-assessments before 2017-11-12', async () => {
    await append(HZ, selfAssessment(HZ, '2017-11-10', { 1: 90, 2: 85, 3: 95, 4: 95, 5: 80, 6: 90 }));
    await append(HB, selfAssessment(HB, '2017-11-11', { 1: 100, 2: 100, 3: 60, 4: 90, 5: 70, 6: 70 }));
  });

  it('10. refuses a finding about a unit no UnitRegistered introduced (400), storing nothing', async () => {
    const message = await refused(CENTRE, spotCheck('fengze-street', '3.5', 'fail', '办件 X', '2017-10-20'), 400);
    expect(message).toEqual([expect.stringMatching(/^events\[0\]\.data\.unitId: unit "fengze-street" was not introduced by a UnitRegistered event/)]);
  });

  it('11. records late findings after a captured moment (knownAt), refusing a repair before its outage started', async () => {
    knownAtBeforeLateRecords = new Date().toISOString();
    // Poll (no sleep) until the clock has left that millisecond, so everything below is recorded strictly after it.
    const deadline = Date.now() + 1000;
    while (Date.now() <= Date.parse(knownAtBeforeLateRecords) && Date.now() < deadline);

    const [l3] = await append(CENTRE, [spotCheck(HZ, '6.1', 'fail', '证照 GX-2017-0178', '2017-11-15')]);
    expect(Date.parse(l3.recordedAt)).toBeGreaterThan(Date.parse(knownAtBeforeLateRecords));
    ids.licence3 = l3.eventId;

    const message = await refused(ECON, outageRepaired(HZ, 'O4', at('2017-11-30', '19:00:00')), 400);
    expect(message).toEqual([expect.stringMatching(/^events\[0\]\.occurredAt: 2017-11-30T19:00:00\+08:00 is before the outage started/)]);
    const [repair] = await append(ECON, [outageRepaired(HZ, 'O4', at('2017-12-02', '10:00:00'))]); // 38 h
    ids.o4repair = repair.eventId;

    const [remeasure] = await append(CENTRE, [metric(HZ, '2.2', 131, 200, '2017-12-20')]); // 65.5%
    ids.remeasure = remeasure.eventId;

    const [retraction] = await append(ECON, [
      ev('FindingRetracted', at('2017-12-05'), { unitId: HZ, findingEventId: ids.task7, reason: '任务7已于10月完成，误报' }, doc('撤销说明.pdf')),
    ]);
    ids.retraction = retraction.eventId;
  });

  // ------------------------------------------------------------------------------------ scores at the year's end
  it('scores the hi-tech zone at the year end, all known: every indicator, part and the overall', async () => {
    const hz = await scoresOf(gov, HZ);
    expect(table(hz)).toEqual({
      '1.1': [40, 60, 'scored'], // 60 − 20 (任务5)
      '1.2': [30, 40, 'scored'], // 40 − 10 (任务3); 任务7 retracted 12-05
      '2.1': [33.33, 50, 'scored'], // batch 1 23:59:59 on 04-30 on time, batch 2 08-03 late, batch 3 on time: 50 − 50/3 = 33.33
      '2.2': [35.5, 50, 'scored'], // I-LATEST: 131/200 = 65.5% replaces 55%: 30 + (65.5 − 60) = 35.5 (I-LINEAR)
      '3.1': [9, 10, 'scored'], // 10 − 1 (江南街道)
      '3.2': [9, 10, 'scored'], // 10 × 45/50
      '3.3': [10, 10, 'scored'], // 73% → 73, at most 10
      '3.4': [18, 20, 'scored'], // 0.2 × 90
      '3.5': [8, 10, 'scored'], // 10 − 2 (A); B overturned 10-25
      '3.6a': [9.5, 10, 'scored'], // 0.1 × 95
      '3.6b': [4, 5, 'scored'], // 100 − 95 = 5, floor(5/4) = 1 step: 5 − 1 (I-STEP)
      '3.7a': [8, 10, 'scored'], // 10 − 2; the dispute was upheld
      '3.7b': [5, 5, 'scored'],
      '3.8': [-3, 0, 'scored'], // one occurrence: −3 from the part total
      '3.9a': [2, 4, 'scored'], // 94 ≥ 90 but < 95
      '3.9b': [4, 4, 'scored'], // 80 ≥ 80
      '3.9c': [0, 2, 'scored'], // 79.9 < 80
      '3.10a': [6, 10, 'scored'], // 35%: 3 whole steps of 10 × 2
      '3.10b': [5, 5, 'scored'], // 80% → 80, at most 5
      '4.1': [20, 20, 'scored'],
      '4.2': [40, 40, 'scored'],
      '4.3': [10, 20, 'scored'], // 20 − 0 (1 h) − 2 (5 h) − 4 (30 h) − 4 (38 h)
      '4.4': [20, 20, 'scored'], // not met 06-01, met 09-15: the latest counts
      '5.1': [47, 50, 'scored'], // 50 − (100 − 97)
      '5.2': [30.8, 50, 'scored'], // 90.4%: 10 + 2 × 10.4
      '6.1': [18.5, 20, 'scored'], // 20 − 3 × 0.5
      '6.2': [29.5, 30, 'scored'], // 30 − 0.5
      '6.3': [40, 50, 'scored'], // 45% ≥ 40
    });
    expect(hz.parts).toEqual({
      '1': 70, // 40 + 30
      '2': 68.83, // 100/3 + 35.5 = 413/6 = 68.833…
      '3': 94.5, // 9+9+10+18+8+9.5+4+8+5+2+4+0+6+5 = 97.5 ≤ 100; 97.5 − 3 (I-PENALTY)
      '4': 90, // 20 + 40 + 10 + 20
      '5': 77.8, // 47 + 30.8
      '6': 88, // 18.5 + 29.5 + 40
    });
    // (70 + 413/6 + 94.5 + 90 + 77.8 + 88) / 6 = (420.3 + 68.8333…) / 6 = 2934.8 / 36 = 81.5222…
    expect(hz.overall).toBe(81.52);

    expect(hz.indicators['2.1'].trace.map((e) => [e.messageKey, e.points])).toEqual([
      ['batch.on-time', 0],
      ['batch.late', -16.67],
      ['batch.on-time', 0],
    ]);
    expect(hz.indicators['2.2'].trace).toEqual([expect.objectContaining({ points: 35.5, messageKey: 'rate.linear', eventIds: [ids.remeasure] })]);
    expect(hz.indicators['3.5'].trace).toEqual([
      expect.objectContaining({ points: -2, eventIds: [ids.failA] }),
      expect.objectContaining({ points: 0, messageKey: 'finding.retracted', eventIds: [ids.failB, ids.resolution1] }),
    ]);
    expect(hz.interpretations).toEqual(expect.arrayContaining(['I-DEADLINE', 'I-LATE', 'I-LINEAR', 'I-LATEST', 'I-STEP', 'I-PENALTY', 'I-OUTAGE', 'I-WORKDAY']));
    expect(hz.interpretations).not.toContain('I-CAP'); // 97.5 < 100: the cap did not apply
    expect(hz.interpretations).not.toContain('I-NA');
    // Every point is traced: max + Σ deductions = score (deduction), Σ earned = score (earned / penalty); ±0.01 per rounded entry.
    for (const [id, ind] of Object.entries(hz.indicators)) {
      const traced = ind.trace.reduce((s, e) => s + e.points, 0);
      const deduction = ['1.1', '1.2', '2.1', '3.1', '3.5', '3.7a', '4.3', '6.1', '6.2'].includes(id);
      expect([id, Math.abs((deduction ? ind.max + traced : traced) - ind.score) < 0.02]).toEqual([id, true]);
    }
  });

  it('scores 海滨街道 at the year end, all known: not-applicable 2.2, no-data indicators, 2.1 with batch 1 late', async () => {
    const hb = await scoresOf(gov, HB);
    expect(table(hb)).toEqual({
      '1.1': [60, 60, 'scored'],
      '1.2': [40, 40, 'scored'],
      '2.1': [33.33, 50, 'scored'], // batch 1 on 05-10 is late: 50 − 50/3; batch 3 at 10-31 23:59:59 on time
      '2.2': [50, 50, 'not-applicable'], // I-NA: the maximum
      '3.1': [10, 10, 'scored'],
      '3.2': [0, 10, 'no-data'],
      '3.3': [8, 10, 'scored'], // 8%
      '3.4': [0, 20, 'no-data'],
      '3.5': [10, 10, 'scored'], // one check, passed
      '3.6a': [0, 10, 'no-data'],
      '3.6b': [0, 5, 'no-data'],
      '3.7a': [10, 10, 'scored'],
      '3.7b': [0, 5, 'no-data'],
      '3.8': [0, 0, 'scored'],
      '3.9a': [0, 4, 'no-data'],
      '3.9b': [0, 4, 'no-data'],
      '3.9c': [0, 2, 'no-data'],
      '3.10a': [0, 10, 'no-data'],
      '3.10b': [0, 5, 'no-data'],
      '4.1': [20, 20, 'scored'],
      '4.2': [40, 40, 'scored'],
      '4.3': [20, 20, 'scored'],
      '4.4': [0, 20, 'no-data'],
      '5.1': [50, 50, 'scored'], // 100%
      '5.2': [0, 50, 'scored'], // 79% < 80: 0
      '6.1': [20, 20, 'scored'],
      '6.2': [30, 30, 'scored'],
      '6.3': [10, 50, 'scored'], // 10% ≥ 10 exactly
    });
    // parts: 100; 100/3 + 50 = 250/3; 10 + 8 + 10 + 10 = 38; 20 + 40 + 20 = 80; 50; 20 + 30 + 10 = 60
    expect(hb.parts).toEqual({ '1': 100, '2': 83.33, '3': 38, '4': 80, '5': 50, '6': 60 });
    // (328 + 250/3) / 6 = 1234 / 18 = 68.555…
    expect(hb.overall).toBe(68.56);
    expect(hb.interpretations).toContain('I-NA');
    expect(hb.indicators['2.1'].trace.map((e) => e.messageKey)).toEqual(['batch.late', 'batch.on-time', 'batch.on-time']);
  });

  it('scores the department: 3.1 not applicable at its maximum', async () => {
    const mb = await scoresOf(gov, MB);
    expect(table(mb)['3.1']).toEqual([10, 10, 'not-applicable']);
  });

  // ----------------------------------------------------------------------------------------- time travel: asOf
  it('judges 2.1 deadlines at asOf: pending until 2017-04-30 ends, late from 05-01 while later batches stay pending', async () => {
    const before = await scoresOf(gov, HB, '2017-04-30T23:59:59.999+08:00');
    expect(table(before)['2.1']).toEqual([50, 50, 'pending']); // nothing due yet
    const after = await scoresOf(gov, HB, '2017-05-01T00:00:00+08:00');
    expect(table(after)['2.1']).toEqual([33.33, 50, 'pending']); // batch 1 missing at T: −50/3; batches 2, 3 not due
    expect(after.indicators['2.1'].trace.map((e) => e.messageKey)).toEqual(['batch.missing', 'batch.pending', 'batch.pending']);
    const published = await scoresOf(gov, HB, '2017-05-10T12:00:00+08:00');
    expect(published.indicators['2.1'].trace.map((e) => e.messageKey)).toEqual(['batch.late', 'batch.pending', 'batch.pending']);
    // HZ published batch 1 at 23:59:59 on the deadline: on time, no deduction.
    const hz = await scoresOf(gov, HZ, '2017-04-30T23:59:59.999+08:00');
    expect(table(hz)['2.1']).toEqual([50, 50, 'pending']);
    expect(hz.indicators['2.1'].trace[0].messageKey).toBe('batch.on-time');
  });

  it('counts the overturned finding only until the resolution’s occurredAt', async () => {
    const before = await scoresOf(gov, HZ, '2017-10-25T14:59:59.999+08:00');
    expect(table(before)['3.5']).toEqual([6, 10, 'scored']); // 10 − 2 (A) − 2 (B)
    const after = await scoresOf(gov, HZ, '2017-10-25T15:00:00+08:00');
    expect(table(after)['3.5']).toEqual([8, 10, 'scored']); // B overturned: 10 − 2
  });

  it('counts the retracted finding only until the retraction’s occurredAt', async () => {
    const before = await scoresOf(gov, HZ, '2017-12-05T09:59:59.999+08:00');
    expect(table(before)['1.2']).toEqual([20, 40, 'scored']); // 40 − 10 − 10
    const after = await scoresOf(gov, HZ, '2017-12-05T10:00:00+08:00');
    expect(table(after)['1.2']).toEqual([30, 40, 'scored']); // 40 − 10
    expect(after.indicators['1.2'].trace).toContainEqual(
      expect.objectContaining({ points: 0, messageKey: 'finding.retracted', eventIds: [ids.task7, ids.retraction] }),
    );
  });

  it('measures an open outage at asOf with status ongoing', async () => {
    const oneHour = await scoresOf(gov, HZ, '2017-11-30T21:00:00+08:00');
    expect(table(oneHour)['4.3']).toEqual([14, 20, 'ongoing']); // 20 − 0 − 2 − 4 − 0 (O4 open 1 h)
    expect(oneHour.indicators['4.3'].trace.at(-1)).toMatchObject({ messageKey: 'outage.ongoing', points: 0, eventIds: [ids.o4], params: { duration: '1:00:00' } });
    const nearMidnight = await scoresOf(gov, HZ, NOV_30);
    expect(table(nearMidnight)['4.3']).toEqual([12, 20, 'ongoing']); // O4 open 3:59:59 ≤ 24 h: −2
    expect(nearMidnight.indicators['4.3'].trace.at(-1)).toMatchObject({ messageKey: 'outage.ongoing', points: -2, params: { duration: '3:59:59' } });
    const repaired = await scoresOf(gov, HZ, '2017-12-02T10:00:00+08:00');
    expect(table(repaired)['4.3']).toEqual([10, 20, 'scored']); // 38 h > 24 h: −4
    expect(repaired.indicators['4.3'].trace.at(-1)).toMatchObject({ messageKey: 'outage.repaired', points: -4, eventIds: [ids.o4, ids.o4repair] });
  });

  // --------------------------------------------------------------------------------------- time travel: knownAt
  it('scores 2017-11-30 as known now and as known before the late records', async () => {
    const now = await scoresOf(gov, HZ, NOV_30);
    const then = await scoresOf(gov, HZ, NOV_30, knownAtBeforeLateRecords);
    // At 11-30: 1.2 = 40 − 10 − 10 = 20 (retraction not yet in effect) → part 1 = 40 + 20 = 60; 2.2 = 30 (55%, the
    // re-measurement is 12-20) → part 2 = 100/3 + 30 = 190/3; part 3 = 94.5; 4.3 = 12 → part 4 = 92; part 5 = 77.8.
    // Known now, 6.1 = 20 − 1.5 = 18.5 → part 6 = 88; overall = (412.3 + 190/3)/6 = 1426.9/18 = 79.272…
    expect(now.parts).toEqual({ '1': 60, '2': 63.33, '3': 94.5, '4': 92, '5': 77.8, '6': 88 });
    expect(now.overall).toBe(79.27);
    // Known before the late records, the 11-15 licence check did not exist: 6.1 = 20 − 1 = 19 → part 6 = 88.5;
    // overall = (412.8 + 190/3)/6 = 1428.4/18 = 79.355…
    expect(table(then)['6.1']).toEqual([19, 20, 'scored']);
    expect(then.parts).toEqual({ '1': 60, '2': 63.33, '3': 94.5, '4': 92, '5': 77.8, '6': 88.5 });
    expect(then.overall).toBe(79.36);
    expect(then.indicators['6.1'].trace.flatMap((e) => e.eventIds)).toEqual([ids.licence1, ids.licence2]);
  });

  it('scores the year end as known before the late records: O4 still ongoing, 2.2 at 55%, 任务7 still counting', async () => {
    const then = await scoresOf(gov, HZ, YEAR_END, knownAtBeforeLateRecords);
    expect(table(then)['4.3']).toEqual([10, 20, 'ongoing']); // O4 open for > 24 h at the year end: −4
    expect(table(then)['2.2']).toEqual([30, 50, 'scored']); // 55%: 50 ≤ p ≤ 60 → 30
    expect(table(then)['1.2']).toEqual([20, 40, 'scored']);
  });

  // ------------------------------------------------------------------------------------------------- the trail
  it('shows the finding, its dispute and resolution in the unit’s trail, and the retraction in the 1.2 trail', async () => {
    const trail = await gov.get(`/v1/events?unitId=${HZ}`).expect(200);
    const order = trail.body.events.map((e: { eventId: string }) => e.eventId);
    const ofB = [ids.failB, ids.dispute1, ids.resolution1].map((id) => order.indexOf(id));
    expect(ofB.every((i: number) => i >= 0)).toBe(true);
    expect(ofB).toEqual([...ofB].sort((a, b) => a - b)); // finding, then its dispute, then the resolution

    const trail12 = await gov.get(`/v1/events?unitId=${HZ}&indicator=1.2`).expect(200);
    expect(trail12.body.events.map((e: { eventId: string }) => e.eventId)).toEqual([ids.task7, ids.task3, ids.retraction]);
    const positions = trail12.body.events.map((e: { position: number }) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    const self = await gov.get(`/v1/events?unitId=${HZ}&type=SelfAssessmentSubmitted`).expect(200);
    expect(self.body.events).toEqual([expect.objectContaining({ actor: expect.objectContaining({ unitId: HZ }), occurredAt: expect.stringMatching(/^2017-11-10/) })]);
  });

  // A dispute belongs to the indicators of the findings it names, and its resolution to those of its dispute.
  it('shows the dispute about a 3.5 finding and its resolution in the 3.5 trail', async () => {
    const trail35 = await gov.get(`/v1/events?unitId=${HZ}&indicator=3.5`).expect(200);
    const types35 = trail35.body.events.map((e: { eventId: string; type: string }) => [e.type, e.eventId]);
    expect(types35).toEqual(expect.arrayContaining([['SpotCheckRecorded', ids.failA], ['SpotCheckRecorded', ids.failB]]));
    expect(types35).toEqual(expect.arrayContaining([['DisputeFiled', ids.dispute1], ['DisputeResolved', ids.resolution1]]));
    expect(types35.map(([type]: [string]) => type)).not.toContain('SelfAssessmentSubmitted');
    // The finding carries its links: the dispute naming it and the resolution that overturned it.
    const findingB = trail35.body.events.find((e: { eventId: string }) => e.eventId === ids.failB);
    expect(findingB.links).toEqual({ retractedBy: null, disputes: [expect.any(String)], overturnedBy: ids.resolution1 });
    const trail12 = await gov.get(`/v1/events?unitId=${HZ}&indicator=1.2`).expect(200);
    expect(trail12.body.events[0].links).toMatchObject({ retractedBy: ids.retraction });
  });

  it('shows the threshold steps (a deadline passing, open outages crossing 2 h and 24 h) in the unit’s timeline', async () => {
    const res = await gov.get(`/v1/units/${HZ}/timeline`).expect(200);
    type Step = { at: string; cause: string; indicators: { indicator: string; before: { score: number; status: string }; after: { score: number; status: string } }[]; parts: { part: string; before: number; after: number }[] };
    const timeSteps = (res.body.steps as Step[])
      .filter((s) => s.cause === 'time')
      .map((s) => [s.at, s.indicators.map((i) => [i.indicator, i.before.score, i.before.status, i.after.score, i.after.status])]);
    expect(timeSteps).toEqual([
      // batch 2 still unpublished when 07-31 ends: 50 → 50 − 50/3 (batch 3 not due yet: pending)
      ['2017-08-01T00:00:00.000+08:00', [['2.1', 50, 'pending', 33.33, 'pending']]],
      // O2 (started 10-08 08:00) passes 2 h: 20 → 18 (O1, 1 h, never crosses a threshold)
      ['2017-10-08T10:00:00.001+08:00', [['4.3', 20, 'ongoing', 18, 'ongoing']]],
      // O3 (started 11-01 08:00) passes 2 h, then 24 h: 18 → 16 → 14
      ['2017-11-01T10:00:00.001+08:00', [['4.3', 18, 'ongoing', 16, 'ongoing']]],
      ['2017-11-02T08:00:00.001+08:00', [['4.3', 16, 'ongoing', 14, 'ongoing']]],
      // O4 (started 11-30 20:00) passes 2 h, then 24 h: 14 → 12 → 10
      ['2017-11-30T22:00:00.001+08:00', [['4.3', 14, 'ongoing', 12, 'ongoing']]],
      ['2017-12-01T20:00:00.001+08:00', [['4.3', 12, 'ongoing', 10, 'ongoing']]],
    ]);
    const deadline = (res.body.steps as Step[]).find((s) => s.at === '2017-08-01T00:00:00.000+08:00')!;
    expect(deadline.parts).toEqual([{ part: '2', before: 80, after: 63.33 }]); // 50 + 30 → 100/3 + 30
  });

  // ---------------------------------------------------------------------------------------------- publication
  it('publishes the results: the scores of the year end, the head pinned', async () => {
    const head = await t.ledger.store.head();
    const res = await gov.post('/v1/results', { assessmentId: 'lc-2017', knownAt: FAR_FUTURE, occurredAt: '2018-01-06T09:00:00+08:00' }).expect(201);
    published = { resultId: res.body.resultId, scores: await resultScores(res.body.resultId) };
    expect(res.body).toMatchObject({ assessmentId: 'lc-2017', asOf: YEAR_END, ledgerPosition: head.position, ledgerHash: head.hash });
    // The answer carries the units' summaries, not their full scores.
    expect(res.body.units.find((u: Unit) => u.unitId === HB)).toEqual({ unitId: HB, overall: 68.56, parts: expect.any(Object) });
    const byId = new Map(published.scores.units.map((u) => [u.unitId, u]));
    expect(byId.get(HZ)!.overall).toBe(81.52);
    expect(byId.get(HB)!.overall).toBe(68.56);
    expect(byId.get(HZ)).toEqual(await scoresOf(gov, HZ));
  });

  it('verifies the published result after more events, which change current scores but not the result', async () => {
    await append(CENTRE, spotCheck(HB, '6.2', 'fail', '存量证照 HB-2012-0031', '2017-12-28'));
    const hb = await scoresOf(gov, HB);
    expect(table(hb)['6.2']).toEqual([29.5, 30, 'scored']); // 30 − 0.5
    expect(hb.overall).toBe(68.47); // (327.5 + 250/3)/6 = 1232.5/18 = 68.472…

    const checked = await gov.get(`/v1/results/${published.resultId}?verify=true`).expect(200);
    expect(checked.body.verification).toMatchObject({ ok: true, problems: [] });
    expect(checked.body.units.find((u: Unit) => u.unitId === HB).overall).toBe(68.56);
    expect(await resultScores(published.resultId)).toEqual(published.scores);
  });

  it('verifies the whole ledger at the end', async () => {
    const res = await gov.get('/v1/verify').expect(200);
    expect(res.body).toMatchObject({ ok: true, problems: [], head: await t.head() });
  });
});
