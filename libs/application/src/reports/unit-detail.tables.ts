// The tables of a unit's 扣分明细: every indicator with max, score and status; every trace entry (each point lost or
// earned) with its rule text, interpretations, events and evidence; the events behind them; the disputes and their
// outcome; and the interpretations applied. Built from the evaluator's UnitScores and the unit's own events.
import type { Evidence, StoredEvent } from '../../../../events/index.js';
import { formatInstant, parseInstant, type Rulebook, type UnitScores } from '../../../rulebook/src/index.js';
import { DECISION_LABELS, EVENT_TYPE_LABELS, PART_NUMERALS, STATUS_LABELS, label } from './report-labels.js';
import type { Cell, ReportTable } from './report.model.js';
import type { ReportPin } from './report-pin.js';

const evidenceText = (evidence: readonly Evidence[]): string =>
  evidence.map((e) => `${e.kind}: ${e.ref}${e.sha256 ? ` (sha256 ${e.sha256})` : ''}`).join('\n');

export function unitDetailTables(rulebook: Rulebook, unit: UnitScores, events: readonly StoredEvent[], pin: ReportPin): ReportTable[] {
  const knownAtMs = parseInstant(pin.knownAt);
  // Times as the district reads them: in the rulebook's offset (the store keeps recordedAt in UTC).
  const local = (instant: string) => formatInstant(parseInstant(instant), rulebook.utcOffsetMinutes);
  const known = events.filter((e) => parseInstant(e.recordedAt) <= knownAtMs);
  const byId = new Map(known.map((e) => [e.eventId, e]));
  const indicatorRows: Cell[][] = [];
  const traceRows: Cell[][] = [];
  const traced = new Set<string>();
  for (const definition of rulebook.indicators) {
    const score = unit.indicators[definition.id];
    if (!score) continue;
    indicatorRows.push([
      definition.id,
      `第${PART_NUMERALS[definition.part] ?? definition.part}部分`,
      definition.title.zh,
      score.max,
      score.score,
      label(STATUS_LABELS, score.status),
    ]);
    for (const entry of score.trace) {
      entry.eventIds.forEach((id) => traced.add(id));
      const evidence = entry.eventIds.flatMap((id) => byId.get(id)?.evidence ?? []);
      traceRows.push([definition.id, entry.points, entry.pointsExact, entry.zh, entry.interpretations.join(', '), entry.eventIds.join('\n'), evidenceText(evidence)]);
    }
  }
  const eventRows: Cell[][] = known
    .filter((e) => traced.has(e.eventId))
    .map((e) => [e.eventId, `${label(EVENT_TYPE_LABELS, e.type)} ${e.type}`, local(e.occurredAt), local(e.recordedAt), `${e.actor.unitId} / ${e.actor.userId}`, evidenceText(e.evidence)]);
  return [
    {
      id: 'indicators',
      title: '指标得分',
      columns: [
        { key: 'indicator', title: '指标', type: 'text', pdfWidth: 3 },
        { key: 'part', title: '部分', type: 'text', pdfWidth: 4 },
        { key: 'title', title: '指标名称', type: 'text', pdfWidth: 20 },
        { key: 'max', title: '满分', type: 'score', pdfWidth: 4 },
        { key: 'score', title: '得分', type: 'score', pdfWidth: 4 },
        { key: 'status', title: '状态', type: 'text', pdfWidth: 4 },
      ],
      rows: indicatorRows,
    },
    {
      id: 'trace',
      title: '扣分明细',
      columns: [
        { key: 'indicator', title: '指标', type: 'text', pdfWidth: 3 },
        { key: 'points', title: '分值', type: 'score', pdfWidth: 4 },
        { key: 'pointsExact', title: '精确分值', type: 'text', pdfWidth: 5.5 },
        { key: 'rule', title: '规则说明', type: 'text', pdfWidth: 14.5 },
        { key: 'interpretations', title: '适用解释', type: 'text', pdfWidth: 6 },
        { key: 'eventIds', title: '事件', type: 'text', pdfWidth: 11 },
        { key: 'evidence', title: '证据', type: 'text', pdfWidth: 10 },
      ],
      rows: traceRows,
    },
    {
      id: 'events',
      title: '相关事件',
      columns: [
        { key: 'eventId', title: '事件编号', type: 'text', pdfWidth: 11 },
        { key: 'type', title: '事件类型', type: 'text', pdfWidth: 8 },
        { key: 'occurredAt', title: '发生时间', type: 'text', pdfWidth: 8 },
        { key: 'recordedAt', title: '记录时间', type: 'text', pdfWidth: 8 },
        { key: 'recordedBy', title: '记录人', type: 'text', pdfWidth: 8 },
        { key: 'evidence', title: '证据', type: 'text', pdfWidth: 10 },
      ],
      rows: eventRows,
    },
    {
      id: 'disputes',
      title: '异议及处理',
      columns: [
        { key: 'disputeId', title: '异议编号', type: 'text', pdfWidth: 6 },
        { key: 'filedAt', title: '提出时间', type: 'text', pdfWidth: 8 },
        { key: 'grounds', title: '理由', type: 'text', pdfWidth: 10 },
        { key: 'findings', title: '所涉事件', type: 'text', pdfWidth: 11 },
        { key: 'decision', title: '处理结果', type: 'text', pdfWidth: 5 },
        { key: 'resolvedAt', title: '处理时间', type: 'text', pdfWidth: 8 },
        { key: 'note', title: '处理说明', type: 'text', pdfWidth: 8 },
      ],
      rows: disputeRows(known, local),
    },
    {
      id: 'interpretations',
      title: '适用解释',
      columns: [
        { key: 'id', title: '解释', type: 'text', pdfWidth: 6 },
        { key: 'text', title: '内容', type: 'text', pdfWidth: 40 },
      ],
      rows: unit.interpretations.map((id) => [id, rulebook.interpretations[id]?.zh ?? id]),
    },
  ];
}

/** Each dispute known at knownAt, in filing order, with its resolution if one is known. */
function disputeRows(events: readonly StoredEvent[], local: (instant: string) => string): Cell[][] {
  const resolutions = new Map<string, StoredEvent>();
  for (const e of events) if (e.type === 'DisputeResolved') resolutions.set(String(e.data.disputeId), e);
  return events
    .filter((e) => e.type === 'DisputeFiled')
    .map((e) => {
      const resolved = resolutions.get(String(e.data.disputeId));
      return [
        String(e.data.disputeId),
        local(e.occurredAt),
        String(e.data.grounds ?? ''),
        ((e.data.findingEventIds as string[] | undefined) ?? []).join('\n'),
        label(DECISION_LABELS, resolved ? String(resolved.data.decision) : 'pending'),
        resolved ? local(resolved.occurredAt) : null,
        resolved ? String(resolved.data.note ?? '') : null,
      ];
    });
}
