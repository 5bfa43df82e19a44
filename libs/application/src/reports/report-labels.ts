// The Chinese words of the reports, and the header and footer as label–value lines shared by every renderer.
import type { Cell, Report, ReportColumn } from './report.model.js';

export const KIND_LABELS: Record<string, string> = { street: '街道', department: '部门', 'hi-tech-zone': '高新区' };

export const STATUS_LABELS: Record<string, string> = {
  scored: '已评分',
  'no-data': '无数据',
  pending: '待定',
  ongoing: '进行中',
  'not-applicable': '不适用',
};

export const EVENT_TYPE_LABELS: Record<string, string> = {
  AssessmentOpened: '考核启动',
  UnitRegistered: '单位登记',
  TaskIncompleteFound: '任务未完成',
  ListBatchPublished: '清单批次公布',
  MetricMeasured: '指标测量',
  SpotCheckRecorded: '抽查记录',
  StreetNotOnboarded: '街道未接入',
  FrontEndFaultRecorded: '前端故障',
  CriterionAssessed: '标准评定',
  OutageStarted: '系统中断',
  OutageRepaired: '中断修复',
  IndicatorNotApplicable: '指标不适用',
  FindingRetracted: '撤回认定',
  DisputeFiled: '提出异议',
  DisputeResolved: '异议处理',
  SelfAssessmentSubmitted: '自评提交',
  ResultsPublished: '结果发布',
};

export const DECISION_LABELS: Record<string, string> = { upheld: '维持原认定', overturned: '撤销认定', pending: '待处理' };

export const PART_NUMERALS: Record<string, string> = { '1': '一', '2': '二', '3': '三', '4': '四', '5': '五', '6': '六' };

export const label = (table: Record<string, string>, value: string): string => table[value] ?? value;

/** The header of a report as label–value lines, in the order every format prints them. */
export function headerLines(report: Report): [string, string][] {
  const h = report.header;
  const lines: [string, string][] = [['报表', report.title]];
  if (h.unit) lines.push(['单位', `${h.unit.name}（${h.unit.unitId}，${label(KIND_LABELS, h.unit.kind)}）`]);
  lines.push(['考核', h.assessment ? `${h.assessment.title}（${h.assessment.id}）` : '（账本中尚无考核启动事件）']);
  lines.push(['规则版本', `${h.rulebook.id} — ${h.rulebook.title}`]);
  lines.push(['评分时点（asOf）', h.asOf]);
  lines.push(['知悉时点（knownAt）', h.knownAt]);
  lines.push(['账本位置', String(h.ledger.position)]);
  lines.push(['账本头哈希', h.ledger.hash]);
  if (h.checkpoint) {
    lines.push(['检查点树大小', String(h.checkpoint.treeSize)]);
    lines.push(['检查点根哈希', h.checkpoint.rootHash]);
  }
  if (h.result) {
    lines.push(['发布结果', h.result.resultId]);
    lines.push(['发布时间', h.result.publishedAt]);
    lines.push(['发布的得分摘要（SHA-256）', h.result.scoresSha256]);
    lines.push(['重算的得分摘要（SHA-256）', h.result.recomputedScoresSha256]);
    lines.push(['核验', h.result.scoresSha256 === h.result.recomputedScoresSha256 ? '一致' : '不一致：账本重算结果与发布结果不同']);
  }
  if (h.unit) {
    lines.push(['总分', formatScore(h.unit.overall)]);
    for (const part of Object.keys(h.unit.parts)) lines.push([`第${PART_NUMERALS[part] ?? part}部分`, formatScore(h.unit.parts[part])]);
  }
  return lines;
}

export function footerLines(report: Report): [string, string][] {
  return [
    ['生成时间（账本记录时间）', report.footer.generatedAt],
    ['生成程序', report.footer.generatedBy],
  ];
}

/** Two decimals, as the XLSX number format shows them. Scores arrive rounded to 2 decimals already. */
export function formatScore(value: number): string {
  return value.toFixed(2);
}

/** A cell as text (CSV and PDF): scores with two decimals, empty as "". */
export function cellText(value: Cell, column: ReportColumn): string {
  if (value === null) return '';
  if (typeof value === 'number') return column.type === 'score' ? formatScore(value) : String(value);
  return value;
}
