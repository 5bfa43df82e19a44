// The synthetic Licheng district (鲤城区) of `ledger demo`: the 2017 assessment as the five lead units would have
// recorded it, one append (one actor) per step, in an order the rules accept. Every number derives from a fixed seed,
// so the facts are the same on every run; event ids are random UUIDs (v4) drawn afresh for each build, as a client's
// would be — nothing may rely on an event id being guessable (issue 10).
import { createHash, randomUUID } from 'node:crypto';
import type { Actor, Evidence } from '../../../events/index.js';
import type { Rulebook } from '../../../libs/rulebook/src/index.js';

const SEED = 'ledger-demo/licheng-2017/v1';

export interface DemoEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  evidence: Evidence[];
  data: Record<string, unknown>;
}

export interface DemoStep {
  label: string;
  actor: Actor;
  events: DemoEvent[];
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Random v4 event ids, one per key naming a fact, so the scenario's events can refer to each other by key. */
export function demoIds(): (key: string) => string {
  const ids = new Map<string, string>();
  return (key) => {
    if (!ids.has(key)) ids.set(key, randomUUID());
    return ids.get(key)!;
  };
}

/** A deterministic integer in [lo, hi] for a key: the spread between units without randomness. */
function spread(key: string, lo: number, hi: number): number {
  return lo + (parseInt(sha256(`${SEED}\n${key}`).slice(0, 8), 16) % (hi - lo + 1));
}

const doc = (ref: string): Evidence => ({ kind: 'document', ref, sha256: sha256(`${SEED}\n${ref}`) });
const record = (ref: string): Evidence => ({ kind: 'system-record', ref });
const at = (date: string, time = '09:30') => `${date}T${time}:00+08:00`;

export const ASSESSMENT_ID = 'lc-2017';

export const REGISTERED_UNITS = [
  { unitId: 'hi-tech-zone', name: '高新区管委会', kind: 'hi-tech-zone' },
  { unitId: 'haibin-street', name: '海滨街道', kind: 'street' },
  { unitId: 'kaiyuan-street', name: '开元街道', kind: 'street' },
  { unitId: 'linjiang-street', name: '临江街道', kind: 'street' },
  { unitId: 'lizhong-street', name: '鲤中街道', kind: 'street' },
  { unitId: 'fuqiao-street', name: '浮桥街道', kind: 'street' },
  { unitId: 'jiangnan-street', name: '江南街道', kind: 'street' },
  { unitId: 'jinlong-street', name: '金龙街道', kind: 'street' },
  { unitId: 'changtai-street', name: '常泰街道', kind: 'street' },
  { unitId: 'housing-bureau', name: '区住建局', kind: 'department' },
  { unitId: 'market-regulation-bureau', name: '区市场监管局', kind: 'department' },
  { unitId: 'human-resources-bureau', name: '区人社局', kind: 'department' },
  { unitId: 'civil-affairs-bureau', name: '区民政局', kind: 'department' },
] as const;

const actors = {
  gov: { unitId: 'gov-office', userId: 'duchashi-clerk-01' },
  economy: { unitId: 'economy-it-bureau', userId: 'it-inspector-03' },
  reform: { unitId: 'approval-reform-office', userId: 'reform-clerk-02' },
  centre: { unitId: 'admin-service-centre', userId: 'inspector-07' },
  letters: { unitId: 'letters-visits-bureau', userId: 'hotline-analyst-05' },
} satisfies Record<string, Actor>;

/** Measured rates: [indicator, lead, lowest and highest share in per mille, smallest and largest denominator]. */
const METRICS: [string, keyof typeof actors, number, number, number, number][] = [
  ['2.2', 'centre', 560, 950, 120, 420],
  ['3.2', 'centre', 800, 1000, 8, 30],
  ['3.3', 'centre', 60, 260, 1800, 22000],
  ['3.4', 'centre', 860, 1000, 300, 9000],
  ['3.6a', 'centre', 850, 1000, 1800, 22000],
  ['3.6b', 'centre', 900, 1000, 1800, 22000],
  ['3.9a', 'centre', 880, 1000, 40, 260],
  ['3.9b', 'centre', 560, 1000, 40, 260],
  ['3.9c', 'centre', 760, 1000, 40, 260],
  ['3.10a', 'centre', 200, 1000, 60, 300],
  ['3.10b', 'centre', 20, 1000, 5, 60],
  ['6.3', 'centre', 150, 800, 120, 420],
  ['5.1', 'letters', 920, 1000, 150, 2400],
  ['5.2', 'letters', 780, 980, 150, 2400],
];

export function lichengDistrict(rulebook: Rulebook, demoId: (key: string) => string = demoIds()): DemoStep[] {
  const units = [...REGISTERED_UNITS.map((u) => u.unitId), ...rulebook.leadUnits.map((u) => u.unitId)];
  const event = (key: string, type: string, occurredAt: string, data: Record<string, unknown>, evidence: Evidence[]): DemoEvent => ({
    eventId: demoId(key),
    type,
    schemaVersion: 1,
    occurredAt,
    evidence,
    data,
  });
  const steps: DemoStep[] = [];
  // I-INDEPENDENCE: a lead's findings about itself (lead units are assessed too) are recorded by its stand-in.
  const speaksForItself = new Set(['SelfAssessmentSubmitted', 'DisputeFiled']);
  const standIn = (unitId: string): Actor => {
    const id = rulebook.independence?.standIns[unitId] ?? rulebook.governmentOffice;
    return Object.values(actors).find((a) => a.unitId === id) ?? { unitId: id, userId: `${id}-clerk` };
  };
  const step = (label: string, actor: Actor, events: DemoEvent[]) => {
    const own = rulebook.independence ? events.filter((e) => e.data.unitId === actor.unitId && !speaksForItself.has(e.type)) : [];
    const rest = events.filter((e) => !own.includes(e));
    if (rest.length > 0) steps.push({ label, actor, events: rest });
    if (own.length > 0) steps.push({ label: `${label}: about ${actor.unitId} itself, by its stand-in`, actor: standIn(actor.unitId), events: own });
  };

  step('assessment opened, units registered', actors.gov, [
    event('assessment', 'AssessmentOpened', at('2017-01-03', '09:00'), { assessmentId: ASSESSMENT_ID, rulebook: rulebook.id, title: '2017年度鲤城区"互联网+政务服务"绩效考评' }, []),
    ...REGISTERED_UNITS.map((u) => event(`register/${u.unitId}`, 'UnitRegistered', at('2017-01-03', '09:30'), { ...u }, [])),
  ]);

  // Part 1: the annual tasks the office and the bureau found incomplete.
  step('annual tasks (1.1)', actors.gov, [
    event('task/changtai-street/1.1', 'TaskIncompleteFound', at('2017-12-18'), { unitId: 'changtai-street', indicator: '1.1', taskRef: '泉政〔2017〕3号 任务12：街道便民服务中心事项进驻', note: '年底督查时仍有6项未进驻' }, [doc('区政府办督查通报〔2017〕21号.pdf')]),
  ]);
  step('annual tasks (1.2)', actors.economy, [
    event('task/jinlong-street/1.2', 'TaskIncompleteFound', at('2017-12-19'), { unitId: 'jinlong-street', indicator: '1.2', taskRef: '泉鲤政文〔2017〕55号 任务7：社区网上代办点建设', note: '2个社区未设代办点' }, [doc('区经信局督查记录-2017-12-19.pdf')]),
    event('task/market-regulation-bureau/1.2', 'TaskIncompleteFound', at('2017-12-19', '15:00'), { unitId: 'market-regulation-bureau', indicator: '1.2', taskRef: '泉鲤政文〔2017〕55号 任务3：证照联办', note: '未上线' }, [doc('区经信局督查记录-2017-12-19.pdf')]),
  ]);

  // Part 2.1: three list batches each; kaiyuan-street's second batch is three days late (worked example 2).
  const deadlines = [['2017-04', 10, 28], ['2017-07', 10, 28], ['2017-10', 12, 30]] as const;
  step('list batches (2.1)', actors.reform, units.flatMap((unitId) =>
    deadlines.map(([month, lo, hi], i) => {
      const batch = i + 1;
      const late = unitId === 'kaiyuan-street' && batch === 2;
      const day = String(spread(`batch/${unitId}/${batch}`, lo, hi)).padStart(2, '0');
      return event(`batch/${unitId}/${batch}`, 'ListBatchPublished', late ? at('2017-08-03', '16:20') : at(`${month}-${day}`, '16:00'),
        { unitId, batch, itemCount: spread(`items/${unitId}/${batch}`, 20, 140) },
        [record(`鲤城区人民政府网 办事清单公布页 第${batch}批`)]);
    }),
  ));

  // Rates: a mid-year measurement of online applications and pre-review, replaced at year end (I-LATEST); the rest
  // once at year end. lizhong-street has no fee-charging item, so 3.10b does not apply to it (I-NA).
  const measure = (unitId: string, indicator: string, lo: number, hi: number, dLo: number, dHi: number, date: string) => {
    const denominator = spread(`d/${unitId}/${indicator}/${date}`, dLo, dHi);
    const numerator = Math.floor((denominator * spread(`n/${unitId}/${indicator}/${date}`, lo, hi)) / 1000);
    return event(`metric/${unitId}/${indicator}/${date}`, 'MetricMeasured', at(date, '17:00'), { unitId, indicator, numerator, denominator }, [record(`福建省网上办事大厅 统计报表 ${indicator} ${date}`)]);
  };
  for (const lead of ['centre', 'letters'] as const) {
    step(`measured rates (${lead})`, actors[lead], units.flatMap((unitId) =>
      METRICS.filter(([indicator, by]) => by === lead && !(unitId === 'lizhong-street' && indicator === '3.10b')).flatMap(([indicator, , lo, hi, dLo, dHi]) => [
        ...(indicator === '3.3' || indicator === '3.4' ? [measure(unitId, indicator, lo - 40, hi - 40, dLo, dHi, '2017-06-30')] : []),
        measure(unitId, indicator, lo, hi, dLo, dHi, '2017-12-20'),
      ]),
    ));
  }
  step('not applicable (3.10b)', actors.centre, [
    event('na/lizhong-street/3.10b', 'IndicatorNotApplicable', at('2017-09-08'), { unitId: 'lizhong-street', indicator: '3.10b', reason: '本街道无收费类审批服务事项（不涉及）' }, [doc('鲤中街道事项目录-2017.pdf')]),
  ]);

  // Criteria: fuqiao-street has no cross-authentication; housing-bureau sorted its items only in November.
  step('criteria (3.7b)', actors.centre, units.map((unitId) =>
    event(`criterion/${unitId}/3.7b`, 'CriterionAssessed', at('2017-12-15'), { unitId, indicator: '3.7b', met: unitId !== 'fuqiao-street', note: unitId === 'fuqiao-street' ? '未接入省网上办事大厅统一身份认证' : '已接入统一身份认证' }, [record('省网上办事大厅 统一身份认证接入清单')]),
  ));
  step('criteria (4.1, 4.2, 4.4)', actors.economy, [
    ...units.flatMap((unitId) => ['4.1', '4.2', '4.4'].map((indicator) => {
      const met = !(indicator === '4.4' && unitId === 'human-resources-bureau');
      return event(`criterion/${unitId}/${indicator}`, 'CriterionAssessed', at(indicator === '4.2' && unitId === 'housing-bureau' ? '2017-09-15' : '2017-12-15'),
        { unitId, indicator, met: met && !(indicator === '4.2' && unitId === 'housing-bureau'), note: met ? '核查通过' : '未开展闽政通APP推广' }, [doc(`区经信局闽政通核查表-${unitId}.pdf`)]);
    })),
    event('criterion/housing-bureau/4.2/again', 'CriterionAssessed', at('2017-11-20'), { unitId: 'housing-bureau', indicator: '4.2', met: true, note: '11月完成事项梳理（复查）' }, [doc('区经信局闽政通复查表-housing-bureau.pdf')]),
  ]);

  // Spot checks by the service centre: vague pre-review rejections (3.5), the home-page link (3.7a), licences (6.1, 6.2).
  const check = (key: string, unitId: string, indicator: string, outcome: 'pass' | 'fail', date: string, subject: string, note: string) =>
    event(`spot/${key}`, 'SpotCheckRecorded', at(date), { unitId, indicator, outcome, subject, note }, [doc(`抽查记录-${date}.pdf`)]);
  step('spot checks', actors.centre, [
    check('haibin-1', 'haibin-street', '3.5', 'fail', '2017-10-05', '办件 FJ2017100500123', '预审不通过理由仅写“材料不齐全”'),
    check('haibin-2', 'haibin-street', '3.5', 'fail', '2017-10-19', '办件 FJ2017101900457', '预审不通过未说明具体理由'),
    check('linjiang-1', 'linjiang-street', '3.5', 'fail', '2017-10-05', '办件 FJ2017100500311', '预审不通过理由仅写“材料有误”'),
    check('kaiyuan-1', 'kaiyuan-street', '3.5', 'pass', '2017-10-05', '办件 FJ2017100500208', '理由具体'),
    check('jiangnan-1', 'jiangnan-street', '3.7a', 'fail', '2017-09-21', '江南街道门户网站首页', '首页未设省网上办事大厅鲤城分厅链接'),
    check('hi-tech-1', 'hi-tech-zone', '3.7a', 'pass', '2017-09-21', '高新区门户网站首页', '链接正常'),
    check('changtai-1', 'changtai-street', '6.1', 'fail', '2017-10-12', '户籍证明 2017-0331', '新增证照未同步生成'),
    check('changtai-2', 'changtai-street', '6.1', 'fail', '2017-10-13', '户籍证明 2017-0331', '新增证照未同步生成'),
    check('market-1', 'market-regulation-bureau', '6.1', 'fail', '2017-11-02', '食品经营许可证 JY2017-1102', '未归集至市级证照库'),
    check('market-2', 'market-regulation-bureau', '6.1', 'fail', '2017-11-02', '食品经营许可证 JY2017-1107', '未归集至市级证照库'),
    check('market-3', 'market-regulation-bureau', '6.1', 'fail', '2017-11-03', '营业执照 2017-1103-05', '未同步生成电子证照'),
    check('housing-1', 'housing-bureau', '6.2', 'fail', '2017-11-08', '施工许可证 2015-088', '存量证照未转换'),
    check('housing-2', 'housing-bureau', '6.2', 'fail', '2017-11-08', '施工许可证 2016-017', '存量证照未转换'),
    check('civil-1', 'civil-affairs-bureau', '6.2', 'fail', '2017-11-09', '婚姻登记证明 2014-221', '存量证照未转换'),
    check('civil-2', 'civil-affairs-bureau', '6.1', 'pass', '2017-11-09', '婚姻登记证明 2017-410', '同步生成'),
  ]);

  // Outages of connected service resources (4.3): 20 minutes, 1 hour, 5 hours, 30 hours, and one still open at year end.
  const outages: [string, string, string, string | null][] = [
    ['kaiyuan-street', '社区自助终端接口', '2017-05-09T10:00:00+08:00', '2017-05-09T10:20:00+08:00'],
    ['haibin-street', '闽政通APP 便民服务接口', '2017-03-14T10:00:00+08:00', '2017-03-14T11:00:00+08:00'],
    ['linjiang-street', '网上办事大厅 预审系统', '2017-06-20T08:30:00+08:00', '2017-06-20T13:30:00+08:00'],
    ['hi-tech-zone', '企业服务平台 数据接口', '2017-08-07T16:00:00+08:00', '2017-08-08T22:00:00+08:00'],
    ['jinlong-street', '闽政通APP 社保查询接口', '2017-12-28T15:00:00+08:00', null],
  ];
  step('outages (4.3)', actors.economy, outages.flatMap(([unitId, system, started, repaired]) => [
    event(`outage/${unitId}/start`, 'OutageStarted', started, { unitId, outageId: `OUT-${unitId}-2017`, system }, [record(`区经信局运维监控告警 ${started}`)]),
    ...(repaired ? [event(`outage/${unitId}/repair`, 'OutageRepaired', repaired, { unitId, outageId: `OUT-${unitId}-2017` }, [record(`区经信局运维工单 ${repaired}`)])] : []),
  ]));

  step('front-end fault (3.8)', actors.centre, [
    event('fault/fuqiao-street', 'FrontEndFaultRecorded', at('2017-11-21', '14:00'), { unitId: 'fuqiao-street', faultRef: '浮桥街道便民服务中心 前置机 QZ-LC-07', note: '通报后一周仍未排除故障' }, [doc('区行政服务中心通报-2017-11-21.pdf'), { kind: 'photo', ref: '前置机现场照片.jpg', sha256: sha256(`${SEED}\nphoto`) }]),
  ]);

  // Self-assessments are due 2017-11-12; each unit signs its own.
  for (const [i, u] of REGISTERED_UNITS.entries()) {
    const parts = Object.fromEntries(['1', '2', '3', '4', '5', '6'].map((p) => [p, spread(`self/${u.unitId}/${p}`, 90, 100)]));
    const report = `${u.name}2017年度互联网+政务服务自查自评报告.pdf`;
    step(`self-assessment ${u.unitId}`, { unitId: u.unitId, userId: `${u.unitId}-liaison` }, [
      event(`self/${u.unitId}`, 'SelfAssessmentSubmitted', at(`2017-11-${String(6 + (i % 7)).padStart(2, '0')}`, '11:00'), { unitId: u.unitId, parts, signedBy: `${u.name}主要负责人`, documentSha256: sha256(`${SEED}\n${report}`) }, [doc(report)]),
    ]);
  }

  // Disputes: haibin-street's first 3.5 finding is overturned; kaiyuan-street's late batch stands.
  step('dispute by haibin-street', { unitId: 'haibin-street', userId: 'haibin-street-liaison' }, [
    event('dispute/haibin', 'DisputeFiled', at('2017-11-15', '10:00'), { unitId: 'haibin-street', disputeId: 'D-2017-001', findingEventIds: [demoId('spot/haibin-1')], grounds: '该件预审意见已附缺件清单，理由具体，见系统截图' }, [{ kind: 'photo', ref: '预审意见截图-FJ2017100500123.png', sha256: sha256(`${SEED}\nscreenshot`) }]),
  ]);
  step('dispute by kaiyuan-street', { unitId: 'kaiyuan-street', userId: 'kaiyuan-street-liaison' }, [
    event('dispute/kaiyuan', 'DisputeFiled', at('2017-11-16', '10:00'), { unitId: 'kaiyuan-street', disputeId: 'D-2017-002', findingEventIds: [demoId('batch/kaiyuan-street/2')], grounds: '第二批清单已于7月28日报送区审改办，网站发布延迟非我街道原因' }, [doc('开元街道报送函-2017-07-28.pdf')]),
  ]);
  step('disputes resolved', actors.gov, [
    event('resolve/haibin', 'DisputeResolved', at('2017-11-28', '15:00'), { unitId: 'haibin-street', disputeId: 'D-2017-001', decision: 'overturned', note: '经复核，预审意见理由具体，撤销该扣分' }, [doc('区政府办复核意见-D-2017-001.pdf')]),
    event('resolve/kaiyuan', 'DisputeResolved', at('2017-11-30', '15:00'), { unitId: 'kaiyuan-street', disputeId: 'D-2017-002', decision: 'upheld', note: '以门户网站公布时间为准，维持扣分' }, [doc('区政府办复核意见-D-2017-002.pdf')]),
  ]);

  // A lead takes back its own duplicate finding.
  step('retraction', actors.centre, [
    event('retract/changtai-2', 'FindingRetracted', at('2017-12-05'), { unitId: 'changtai-street', findingEventId: demoId('spot/changtai-2'), reason: '与2017-10-12抽查记录为同一证照，重复记录' }, [doc('区行政服务中心更正说明-2017-12-05.pdf')]),
  ]);
  return steps;
}

export const DEMO_ACTORS = actors;
