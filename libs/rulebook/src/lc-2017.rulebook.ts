// Rulebook lc-2017: the annex of 泉鲤政办〔2017〕143号 (2017年度鲤城区"互联网+政务服务"绩效指标体系) as data.
// Where the annex is ambiguous the chosen reading is a named interpretation (I-…) below; a later year's rulebook is
// another value of `Rulebook` and may choose differently without touching the evaluator.
import type { RuleKind } from './rule-kinds.js';
import type { IndicatorDefinition, LeadUnit, Localized, PartDefinition, PartId, Rulebook } from './rulebook.types.js';

const GOV_OFFICE = 'gov-office';
const ECONOMY_IT = 'economy-it-bureau';
const APPROVAL_REFORM = 'approval-reform-office';
const SERVICE_CENTRE = 'admin-service-centre';
const LETTERS_VISITS = 'letters-visits-bureau';

const leadUnits: LeadUnit[] = [
  { unitId: GOV_OFFICE, name: '区政府办', kind: 'department' },
  { unitId: ECONOMY_IT, name: '区经信局', kind: 'department' },
  { unitId: APPROVAL_REFORM, name: '区审改办', kind: 'department' },
  { unitId: SERVICE_CENTRE, name: '区行政服务中心管委会', kind: 'department' },
  { unitId: LETTERS_VISITS, name: '区信访局', kind: 'department' },
];

const parts: PartDefinition[] = [
  {
    id: '1',
    max: 100,
    leads: [GOV_OFFICE, ECONOMY_IT],
    title: { zh: '"互联网+政务服务"总体推进及年度工作任务完成情况', en: 'Overall progress and annual tasks' },
  },
  {
    id: '2',
    max: 100,
    leads: [APPROVAL_REFORM, SERVICE_CENTRE],
    title: { zh: '"一趟不用跑"和"最多跑一趟"办事清单完成情况', en: '"Zero trips" and "at most one trip" item lists' },
  },
  {
    id: '3',
    max: 100,
    leads: [SERVICE_CENTRE],
    title: { zh: '福建省网上办事大厅应用情况', en: 'Use of the Fujian provincial online service hall' },
    capInterpretation: 'I-CAP',
  },
  {
    id: '4',
    max: 100,
    leads: [ECONOMY_IT],
    title: { zh: '闽政通APP建设配合和保障情况', en: 'Minzhengtong app support' },
  },
  {
    id: '5',
    max: 100,
    leads: [LETTERS_VISITS],
    title: { zh: '12345便民服务平台应用情况', en: '12345 service platform' },
  },
  {
    id: '6',
    max: 100,
    leads: [SERVICE_CENTRE],
    title: { zh: '电子证照生成和应用情况', en: 'Electronic licences' },
  },
];

const PART_LEADS: Record<PartId, string[]> = Object.fromEntries(parts.map((p) => [p.id, p.leads])) as Record<PartId, string[]>;

const METRIC = ['MetricMeasured'];
const SPOT_CHECK = ['SpotCheckRecorded'];
const CRITERION = ['CriterionAssessed'];

function indicator(
  id: string,
  max: number,
  kind: IndicatorDefinition['kind'],
  feeds: string[],
  rule: RuleKind,
  interpretations: string[],
  title: Localized,
  leads: string[] = PART_LEADS[id.split('.')[0] as PartId],
): IndicatorDefinition {
  return { id, part: id.split('.')[0] as PartId, max, kind, feeds, leads, rule, interpretations, title };
}

const spotCheckFailure = (message: Localized): Pick<Extract<RuleKind, { kind: 'per-finding-deduction' }>, 'finding' | 'message'> => ({
  finding: { eventType: 'SpotCheckRecorded', where: { outcome: 'fail' }, labelField: 'subject' },
  message,
});

const rate = (zh: string, en: string): Localized => ({ zh, en });

const indicators: IndicatorDefinition[] = [
  // Part 1
  indicator(
    '1.1', 60, 'deduction', ['TaskIncompleteFound'],
    {
      kind: 'per-finding-deduction', per: '20',
      finding: { eventType: 'TaskIncompleteFound', labelField: 'taskRef', distinctBy: 'taskRef' },
      message: { zh: '未完成泉政〔2017〕3号年度任务「{label}」：{points}分', en: '2017 task "{label}" of 泉政〔2017〕3号 not completed: {points}' },
    },
    [],
    { zh: '完成泉政〔2017〕3号2017年度工作任务', en: 'Annual 2017 tasks of 泉政〔2017〕3号 completed' },
  ),
  indicator(
    '1.2', 40, 'deduction', ['TaskIncompleteFound'],
    {
      kind: 'per-finding-deduction', per: '10',
      finding: { eventType: 'TaskIncompleteFound', labelField: 'taskRef', distinctBy: 'taskRef' },
      message: { zh: '未完成泉鲤政文〔2017〕55号年度任务「{label}」：{points}分', en: '2017 task "{label}" of 泉鲤政文〔2017〕55号 not completed: {points}' },
    },
    [],
    { zh: '完成泉鲤政文〔2017〕55号2017年度工作任务', en: 'Annual 2017 tasks of 泉鲤政文〔2017〕55号 completed' },
  ),
  // Part 2
  indicator(
    '2.1', 50, 'deduction', ['ListBatchPublished'],
    {
      kind: 'deadline-batches', perLate: '50/3',
      batches: [
        { batch: 1, due: '2017-04-30T23:59:59.999+08:00' },
        { batch: 2, due: '2017-07-31T23:59:59.999+08:00' },
        { batch: 3, due: '2017-10-31T23:59:59.999+08:00' },
      ],
    },
    ['I-DEADLINE', 'I-LATE'],
    { zh: '按时序公布事项清单', en: 'Item lists published in batches on time' },
    [APPROVAL_REFORM],
  ),
  indicator(
    '2.2', 50, 'earned', METRIC,
    {
      kind: 'linear-rate', gate: '50', base: '30', pivot: '60', slope: '1', floor: '30',
      rate: rate('"一趟不用跑"和"最多跑一趟"事项占比', 'share of zero-trip and at-most-one-trip items'),
    },
    ['I-LINEAR', 'I-LATEST'],
    { zh: '"一趟不用跑"和"最多跑一趟"事项占本级行政审批和服务事项比例', en: 'Share of zero-trip and at-most-one-trip items' },
    [SERVICE_CENTRE],
  ),
  // Part 3
  indicator(
    '3.1', 10, 'deduction', ['StreetNotOnboarded'],
    {
      kind: 'per-finding-deduction', per: '1',
      finding: { eventType: 'StreetNotOnboarded', labelField: 'street', distinctBy: 'street' },
      message: { zh: '街道「{label}」未完成事项梳理并入驻省网上办事大厅：{points}分', en: 'street "{label}" has not sorted its items and joined the provincial hall: {points}' },
    },
    [],
    { zh: '辖区街道事项梳理并入驻省网上办事大厅', en: 'Streets sorted their items and joined the provincial hall' },
  ),
  indicator(
    '3.2', 10, 'earned', METRIC,
    { kind: 'proportional-ratio', rate: rate('闽政通APP便民服务事项入驻并对接比例', 'share of Minzhengtong service items joined and connected') },
    ['I-LATEST'],
    { zh: '闽政通APP便民服务事项入驻省网上办事大厅并实现系统对接', en: 'Minzhengtong service items joined to the hall with systems connected' },
  ),
  indicator(
    '3.3', 10, 'earned', METRIC,
    { kind: 'linear-rate', base: '0', pivot: '0', slope: '1', rate: rate('网上申报率', 'online application rate') },
    ['I-LINEAR', 'I-LATEST'],
    { zh: '网上申报率', en: 'Online application rate' },
  ),
  indicator(
    '3.4', 20, 'earned', METRIC,
    { kind: 'linear-rate', base: '0', pivot: '0', slope: '1/5', rate: rate('预审及时率（两个工作日内）', 'pre-review timeliness (within two working days)') },
    ['I-LINEAR', 'I-LATEST', 'I-WORKDAY'],
    { zh: '网上申请件两个工作日内预审及时率', en: 'Pre-review of online applications within two working days' },
  ),
  indicator(
    '3.5', 10, 'deduction', SPOT_CHECK,
    {
      kind: 'per-finding-deduction', per: '2',
      ...spotCheckFailure({ zh: '抽查发现以含糊原因或未说明理由预审不通过（{label}）：{points}分', en: 'spot check: pre-review rejected with a vague or no concrete reason ({label}): {points}' }),
    },
    [],
    { zh: '预审不通过须具体说明合理原因', en: 'Pre-review rejections state a concrete reason' },
  ),
  indicator(
    '3.6a', 10, 'earned', METRIC,
    { kind: 'linear-rate', base: '0', pivot: '0', slope: '1/10', rate: rate('办件数据完整率', 'case data completeness') },
    ['I-LINEAR', 'I-LATEST'],
    { zh: '办件信息满足核心数据指标要求（数据完整率）', en: 'Case data meet the core data indicators (completeness)' },
  ),
  indicator(
    '3.6b', 5, 'earned', METRIC,
    { kind: 'stepped-rate', direction: 'down', base: '5', pivot: '100', step: '4', perStep: '1', rate: rate('24小时内办件信息及时报送率', 'reporting within 24 hours') },
    ['I-STEP', 'I-LATEST'],
    { zh: '一天内（24小时）办件信息及时报送', en: 'Case information reported within 24 hours' },
  ),
  indicator(
    '3.7a', 10, 'deduction', SPOT_CHECK,
    {
      kind: 'per-finding-deduction', per: '2',
      ...spotCheckFailure({ zh: '抽查发现门户网站首页未设立省网上办事大厅本地分厅链接（{label}）：{points}分', en: 'spot check: no link to the provincial hall\'s local branch on the home page ({label}): {points}' }),
    },
    [],
    { zh: '门户网站首页设立省网上办事大厅本地分厅链接', en: 'Home-page link to the provincial hall\'s local branch' },
  ),
  indicator(
    '3.7b', 5, 'earned', CRITERION,
    { kind: 'criterion', criterion: { zh: '利用省网上办事大厅实现用户认证或交叉认证', en: 'user authentication through the provincial hall (or cross-authentication)' } },
    ['I-LATEST'],
    { zh: '利用省网上办事大厅实现用户认证', en: 'User authentication through the provincial hall' },
  ),
  indicator(
    '3.8', 0, 'penalty', ['FrontEndFaultRecorded'],
    {
      kind: 'part-penalty', per: '3',
      finding: { eventType: 'FrontEndFaultRecorded', labelField: 'faultRef' },
      message: { zh: '前置机等技术环境维护不到位或故障未及时排除（{label}）：总分{points}分', en: 'front-end environment poorly maintained or fault not removed ({label}): {points} from the part total' },
    },
    ['I-PENALTY'],
    { zh: '前置机等技术环境日常维护', en: 'Front-end machine and technical environment maintenance' },
  ),
  indicator(
    '3.9a', 4, 'earned', METRIC,
    { kind: 'tiered-thresholds', tiers: [{ atLeast: '95', points: '4' }, { atLeast: '90', points: '2' }], otherwise: '0', rate: rate('投资项目基本信息报送正确率', 'investment-project basic information accuracy') },
    ['I-LATEST'],
    { zh: '投资项目基本信息报送正确率', en: 'Investment-project basic information accuracy' },
  ),
  indicator(
    '3.9b', 4, 'earned', METRIC,
    { kind: 'tiered-thresholds', tiers: [{ atLeast: '80', points: '4' }, { atLeast: '60', points: '2' }], otherwise: '0', rate: rate('投资项目审批过程信息正确率', 'approval-process information accuracy') },
    ['I-LATEST'],
    { zh: '投资项目审批过程信息正确率', en: 'Approval-process information accuracy' },
  ),
  indicator(
    '3.9c', 2, 'earned', METRIC,
    { kind: 'tiered-thresholds', tiers: [{ atLeast: '90', points: '2' }, { atLeast: '80', points: '1' }], otherwise: '0', rate: rate('法人信息正确率', 'legal-person information accuracy') },
    ['I-LATEST'],
    { zh: '纳入监管平台的法人信息正确率', en: 'Legal-person information accuracy' },
  ),
  indicator(
    '3.10a', 10, 'earned', METRIC,
    { kind: 'stepped-rate', direction: 'up', base: '0', pivot: '0', step: '10', perStep: '2', rate: rate('办事指南明确文件快递服务的事项占比', 'share of items whose guide states the document-courier service') },
    ['I-STEP', 'I-LATEST'],
    { zh: '建立文件快递制度并在办事指南中明确', en: 'Document-courier service stated in the item guides' },
  ),
  indicator(
    '3.10b', 5, 'earned', METRIC,
    { kind: 'linear-rate', base: '0', pivot: '0', slope: '1', rate: rate('采用电子支付方式缴费事项占比', 'share of fee-charging items payable electronically') },
    ['I-LINEAR', 'I-LATEST'],
    { zh: '采用电子支付方式缴费事项占比', en: 'Fee-charging items payable electronically' },
  ),
  // Part 4
  indicator(
    '4.1', 20, 'earned', CRITERION,
    { kind: 'criterion', criterion: { zh: '成立闽政通APP建设工作领导小组，明确牵头部门、成员单位、负责人和联络员', en: 'leading group set up with lead department, members, responsible persons and liaison contacts' } },
    ['I-LATEST'],
    { zh: '组织机构建设情况', en: 'Leading group set up' },
  ),
  indicator(
    '4.2', 40, 'earned', CRITERION,
    { kind: 'criterion', criterion: { zh: '按省上统一部署开展便民服务事项梳理', en: 'service items sorted as the province deployed' } },
    ['I-LATEST'],
    { zh: '便民服务事项梳理情况', en: 'Service items sorted' },
  ),
  indicator(
    '4.3', 20, 'deduction', ['OutageStarted', 'OutageRepaired'],
    { kind: 'outage-tiers', tiers: [{ withinMinutes: 120, points: '0' }, { withinMinutes: 1440, points: '-2' }], beyond: '-4' },
    ['I-OUTAGE'],
    { zh: '已接入的政务服务资源保障情况', en: 'Availability of connected service resources' },
  ),
  indicator(
    '4.4', 20, 'earned', CRITERION,
    { kind: 'criterion', criterion: { zh: '按省上统一部署开展闽政通APP推广应用', en: 'app promotion carried out as the province deployed' } },
    ['I-LATEST'],
    { zh: '闽政通APP推广应用情况', en: 'Minzhengtong app promotion' },
  ),
  // Part 5
  indicator(
    '5.1', 50, 'earned', METRIC,
    { kind: 'linear-rate', base: '50', pivot: '100', slope: '1', rate: rate('办结回复率', 'closure-reply rate') },
    ['I-LINEAR', 'I-LATEST'],
    { zh: '办结回复率', en: 'Closure-reply rate' },
  ),
  indicator(
    '5.2', 50, 'earned', METRIC,
    { kind: 'linear-rate', gate: '80', base: '10', pivot: '80', slope: '2', rate: rate('满意度', 'satisfaction') },
    ['I-LINEAR', 'I-LATEST'],
    { zh: '满意度', en: 'Satisfaction' },
  ),
  // Part 6
  indicator(
    '6.1', 20, 'deduction', SPOT_CHECK,
    {
      kind: 'per-finding-deduction', per: '0.5',
      ...spotCheckFailure({ zh: '抽查发现新增证照未同步生成或未归集到省及泉州市电子证照库（{label}）：{points}分', en: 'spot check: new licence not generated synchronously or not collected into the licence libraries ({label}): {points}' }),
    },
    [],
    { zh: '新增证照生成', en: 'New licences generated' },
  ),
  indicator(
    '6.2', 30, 'deduction', SPOT_CHECK,
    {
      kind: 'per-finding-deduction', per: '0.5',
      ...spotCheckFailure({ zh: '抽查发现存量证照未按要求电子化转化（{label}）：{points}分', en: 'spot check: stock licence not converted ({label}): {points}' }),
    },
    [],
    { zh: '存量证照转化', en: 'Stock licences converted' },
  ),
  indicator(
    '6.3', 50, 'earned', METRIC,
    {
      kind: 'tiered-thresholds',
      tiers: [
        { atLeast: '60', points: '50' },
        { atLeast: '40', points: '40' },
        { atLeast: '30', points: '30' },
        { atLeast: '20', points: '20' },
        { atLeast: '10', points: '10' },
      ],
      otherwise: '0',
      rate: rate('支持电子证照应用的事项占比', 'share of items that support electronic licences'),
    },
    ['I-LATEST'],
    { zh: '电子证照应用', en: 'Electronic licences in use' },
  ),
];

const interpretations: Record<string, Localized> = {
  'I-INDEPENDENCE': {
    zh: '任何单位不得对自身记录、撤销考核发现，也不得裁决针对自身的异议（本单位可对自身的发现提出异议）。牵头单位自身的发现由区政府办记录和撤销，区政府办自身的发现及其异议由协办单位区经信局记录、撤销和裁决。',
    en: 'No unit records or retracts a finding about itself, or resolves a dispute about itself (it may file disputes about findings on itself). Findings about a lead unit on an indicator it leads are recorded and retracted by 区政府办 (gov-office); findings and disputes about 区政府办 itself by the co-organiser 区经信局 (economy-it-bureau).',
  },
  'I-NA': {
    zh: '牵头单位可记录某指标对某单位不涉及；不涉及的指标按满分计，状态为"不涉及"。',
    en: 'A lead unit may record that an indicator does not apply to a unit; such an indicator scores its maximum and shows status not-applicable.',
  },
  'I-DEADLINE': {
    zh: '"4月底前"指2017-04-30 23:59:59.999（北京时间）及以前；7月底、10月底同理。',
    en: '"By the end of April" means on or before 2017-04-30 23:59:59.999 Asia/Shanghai (likewise 07-31 and 10-31).',
  },
  'I-LATE': {
    zh: '在时点T，批次在截止后公布，或T已过截止时间仍未公布，即为未按时公布；截止前未公布的批次暂不扣分（状态"待定"）。',
    en: 'At time T a batch is late when published after its deadline, or still unpublished with T past the deadline; before the deadline an unpublished batch costs nothing yet (status pending).',
  },
  'I-LINEAR': {
    zh: '"每提高1%，加1分"及其他"每1个百分点"规则按比例连续计分：65.5%得35.5分。',
    en: '"Each 1% more adds 1 point" and every other per-percentage-point rule is proportional: 65.5% gives 35.5.',
  },
  'I-STEP': {
    zh: '"每N个百分点"（N>1）只计完整的档：3.6b在98%得5分，在95%得4分；3.10a在35%得6分。',
    en: 'A rule "per N percentage points" with N > 1 counts whole steps only: 3.6b gives 5 at 98% and 4 at 95%; 3.10a gives 6 at 35%.',
  },
  'I-CAP': {
    zh: '第3部分各项满分合计115分，该部分按100分封顶（"每个部分均按100分计"）。',
    en: 'The maxima of part 3 add up to 115; the part is capped at 100 ("each part is scored out of 100").',
  },
  'I-PENALTY': {
    zh: '第3部分得分 = max(0, min(100, 3.1–3.7、3.9、3.10之和) − 3 × 3.8发生次数)。',
    en: 'Part 3 = max(0, min(100, sum of 3.1–3.7, 3.9, 3.10) − 3 × occurrences of 3.8).',
  },
  'I-OUTAGE': {
    zh: '故障时长 = 修复时间 − 发生时间：≤2小时不扣分；≤24小时扣2分；>24小时扣4分。时点T仍未修复的故障按T − 发生时间计（状态"进行中"），扣分只增不减直至修复。',
    en: 'Outage duration = repaired − started: ≤ 2 h: 0; ≤ 24 h: −2; > 24 h: −4. An outage still open at T is measured as T − started (status ongoing); its cost can only grow until it is repaired.',
  },
  'I-LATEST': {
    zh: '以比率计的指标取T及以前生效时间最晚的一次测量，后一次测量替代前一次而非累加；达标评定同理取最晚一次。',
    en: 'For an indicator fed by measured rates the measurement with the latest effective time at or before T counts; a later one replaces an earlier one. Likewise the latest criterion assessment counts.',
  },
  'I-WORKDAY': {
    zh: '"两个工作日"截至提交日之后第二个工作日结束（提交当日不计），按国务院办公厅公布的当年节假日和调休安排。',
    en: '"Two working days" ends at the end of the second working day after the day of submission (that day not counted), using the official holidays and adjusted working days of the year.',
  },
};

export const LC_2017: Rulebook = {
  id: 'lc-2017',
  year: { from: '2017-01-01T00:00:00.000+08:00', to: '2017-12-31T23:59:59.999+08:00' },
  utcOffsetMinutes: 480,
  governmentOffice: GOV_OFFICE,
  leadUnits,
  parts,
  indicators,
  interpretations,
  source: {
    zh: '泉鲤政办〔2017〕143号附件《2017年度鲤城区"互联网+政务服务"绩效指标体系》',
    en: 'Annex of 泉鲤政办〔2017〕143号: the 2017 Licheng "Internet + Government Services" indicator system',
  },
  calendar: 'cn-2017',
  notApplicable: { interpretation: 'I-NA', scoreAs: 'max' },
  // The notice names 区经信局 co-organiser of the assessment with 区政府办: it stands in for 区政府办 on findings and
  // disputes about 区政府办 itself; 区政府办 (the organiser) stands in for every other lead unit.
  independence: { interpretation: 'I-INDEPENDENCE', standIns: { [GOV_OFFICE]: ECONOMY_IT } },
};
