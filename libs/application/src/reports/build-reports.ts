// Builds the report data from what the API already answers, never folding the ledger itself: the rankings report
// takes the units ranked as GET /v1/rankings ranks them (libs/application/src/rankings/rankings.source.ts: the read model for
// the current view, the step functions and the evaluator at another (asOf, knownAt)); a published result's report
// takes the scores GET /v1/results/:id answers (computed once at the pinned head, with the digest checked). One unit's
// 扣分明细 folds that unit's own events with the evaluator GET /v1/scores?unitId= uses.
import type { EventStore } from '../../../event-store/src/event-store.port.js';
import { createEvaluation, parseInstant, type Rulebook, type UnitScores } from '../../../rulebook/src/index.js';
import { rank, type RankedUnit, type UnitSummary } from '../rankings/rank-units.js';
import { scoresDigest, unitNamesCollector, type ScoresAtHead } from '../published-results.js';
import { KIND_LABELS, PART_NUMERALS, label } from './report-labels.js';
import { REPORT_GENERATOR, type Report, type ReportColumn, type ReportHeader, type ReportTable } from './report.model.js';
import { ReportNotFound, type ReportPin } from './report-pin.js';
import { assessmentStreamId } from '../../../ledger/src/stream-ids.js';
import { unitDetailTables } from './unit-detail.tables.js';

function rulebookTitle(rulebook: Rulebook): { id: string; title: string } {
  return { id: rulebook.id, title: rulebook.source?.zh ?? rulebook.id };
}

const dateOf = (instant: string): string => instant.slice(0, 10);

export function rankingsColumns(rulebook: Rulebook): ReportColumn[] {
  return [
    // PDF widths fit a ten-character unit name and a 24-character unit id on one line of A4 portrait.
    { key: 'rank', title: '名次', type: 'integer', pdfWidth: 2.4 },
    { key: 'name', title: '单位', type: 'text', pdfWidth: 9.5 },
    { key: 'unitId', title: '单位编码', type: 'text', pdfWidth: 11 },
    { key: 'kind', title: '类型', type: 'text', pdfWidth: 3.2 },
    ...rulebook.parts.map((p): ReportColumn => ({ key: `part${p.id}`, title: `第${PART_NUMERALS[p.id] ?? p.id}部分`, type: 'score', pdfWidth: 3.9 })),
    { key: 'overall', title: '总分', type: 'score', pdfWidth: 3.9 },
  ];
}

function partsTable(rulebook: Rulebook): ReportTable {
  return {
    id: 'parts',
    title: '考核部分',
    columns: [
      { key: 'part', title: '部分', type: 'text', pdfWidth: 4 },
      { key: 'title', title: '内容', type: 'text', pdfWidth: 30 },
      { key: 'max', title: '满分', type: 'score', pdfWidth: 4 },
    ],
    rows: rulebook.parts.map((p) => [`第${PART_NUMERALS[p.id] ?? p.id}部分`, p.title.zh, p.max]),
  };
}

interface RankingsInput {
  store: EventStore;
  rulebook: Rulebook;
  pin: ReportPin;
  /** Every unit ranked, as GET /v1/rankings answers for the pin's query. */
  ranked?: readonly RankedUnit[];
  /** For a published result: the result and the scores GET /v1/results/:id answers (ranked here as the rankings rank). */
  result?: { resultId: string; publishedAt: string; scoresSha256: string; assessmentId: string; recordedAt: string; computed: ScoresAtHead };
}

/** Every unit ranked by overall with its six parts: the rankings of GET /v1/rankings, or a published result's scores. */
export async function buildRankingsReport({ store, rulebook, pin, ranked: given, result }: RankingsInput): Promise<Report> {
  let ranked: readonly RankedUnit[];
  let recomputed: string | undefined;
  if (result) {
    // A published result states the digest of the whole scores document; the report states the one of the scores it prints.
    recomputed = scoresDigest(result.computed.scores);
    ranked = rank(result.computed.scores.units.map(summary), result.computed.names);
  } else {
    ranked = given ?? [];
  }
  const partIds = rulebook.parts.map((p) => p.id);
  const header: ReportHeader = {
    assessment: (await openedAssessment(store, result?.assessmentId ?? rulebook.id, pin)) ?? (result ? { id: result.assessmentId, title: result.assessmentId } : null),
    rulebook: rulebookTitle(rulebook),
    asOf: pin.asOf,
    knownAt: pin.knownAt,
    ledger: { position: pin.position, hash: pin.hash },
    ...(result && recomputed
      ? { result: { resultId: result.resultId, publishedAt: result.publishedAt, scoresSha256: result.scoresSha256, recomputedScoresSha256: recomputed } }
      : {}),
  };
  const title = result ? '考核结果（已发布）' : '考核排名';
  const fileStem = result ? `考核结果_${header.assessment?.id ?? rulebook.id}_${result.resultId.slice(0, 8)}` : `考核排名_${dateOf(pin.asOf)}_知悉${dateOf(pin.knownAt)}`;
  return {
    kind: result ? 'result' : 'rankings',
    title,
    fileName: fileStem,
    asciiFileName: result ? `results-${result.resultId.slice(0, 8)}` : `rankings-${dateOf(pin.asOf)}-known-${dateOf(pin.knownAt)}`,
    header,
    tables: [
      {
        id: 'rankings',
        title: '排名',
        columns: rankingsColumns(rulebook),
        rows: ranked.map((u) => [u.rank, u.name, u.unitId, label(KIND_LABELS, u.kind), ...partIds.map((p) => u.parts[p]), u.overall]),
      },
      partsTable(rulebook),
    ],
    footer: { generatedAt: result ? result.recordedAt : pin.headRecordedAt, generatedBy: REPORT_GENERATOR },
  };
}

function summary(unit: UnitScores): UnitSummary {
  return { unitId: unit.unitId, overall: unit.overall, parts: unit.parts };
}

/** One unit's 扣分明细: its events up to the head folded exactly as GET /v1/scores?unitId= folds them. */
export async function buildUnitReport({ store, rulebook, pin, unitId }: { store: EventStore; rulebook: Rulebook; pin: ReportPin; unitId: string }): Promise<Report> {
  const events = (await store.readUnit(unitId)).filter((e) => e.position <= pin.position);
  const evaluation = createEvaluation({ rulebook, asOf: pin.asOf, knownAt: pin.knownAt, unitId });
  const names = unitNamesCollector(rulebook, pin.knownAt);
  for (const event of events) {
    evaluation.add(event);
    names.add(event);
  }
  const [unit] = evaluation.result().units;
  if (!unit) throw new ReportNotFound(`unitId: no unit "${unitId}" is registered (as known at ${pin.knownAt})`);
  const assessment = await openedAssessment(store, rulebook.id, pin);
  const known = names.names.get(unitId) ?? { name: unitId, kind: 'department' };
  return {
    kind: 'unit',
    title: `扣分明细 — ${known.name}`,
    fileName: `扣分明细_${known.name}_${dateOf(pin.asOf)}_知悉${dateOf(pin.knownAt)}`,
    asciiFileName: `deductions-${unitId}-${dateOf(pin.asOf)}-known-${dateOf(pin.knownAt)}`,
    header: {
      assessment,
      rulebook: rulebookTitle(rulebook),
      asOf: pin.asOf,
      knownAt: pin.knownAt,
      ledger: { position: pin.position, hash: pin.hash },
      unit: { unitId, name: known.name, kind: known.kind, overall: unit.overall, parts: unit.parts },
    },
    tables: unitDetailTables(rulebook, unit, events, pin),
    footer: { generatedAt: pin.headRecordedAt, generatedBy: REPORT_GENERATOR },
  };
}

/**
 * The assessment as opened in its own stream, known at knownAt. A report names the assessment of its rulebook's id
 * (the house convention: assessment "lc-2017" runs rulebook "lc-2017"), or of the published result it renders.
 */
async function openedAssessment(store: EventStore, assessmentId: string, pin: ReportPin): Promise<{ id: string; title: string } | null> {
  const knownAtMs = parseInstant(pin.knownAt);
  const opened = (await store.readStream(assessmentStreamId(assessmentId))).find(
    (e) => e.type === 'AssessmentOpened' && e.position <= pin.position && parseInstant(e.recordedAt) <= knownAtMs,
  );
  return opened ? { id: String(opened.data.assessmentId), title: String(opened.data.title) } : null;
}
