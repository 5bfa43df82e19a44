// Reports through HTTP on the demo district: every number read back from the XLSX and the CSV equals GET /v1/scores
// and GET /v1/rankings for the same query; Chinese survives; the PDF's text holds the names and scores; the same
// query gives the same bytes; permissions and bad input are the JSON routes'.
import { CommandBus } from '@nestjs/cqrs';
import { AppendEventsCommand } from '../../apps/api/events/append-events.command.js';
import { RULEBOOK } from '../../apps/api/infrastructure/tokens.js';
import { lichengDistrict } from '../../apps/cli/demo/licheng-district.scenario.js';
import type { Rulebook } from '../../libs/rulebook/src/index.js';
import { binary, csvHeaderValue, csvTable, hasPoppler, itWithPoppler, pdfText, readWorkbook, sheetRows } from './support/report-files.js';
import { startLedgerTestApp, type AuthenticatedClient, type LedgerTestApp } from './support/ledger-test-app.js';

interface RankingRow {
  rank: number;
  unitId: string;
  name: string;
  kind: string;
  overall: number;
  parts: Record<string, number>;
}
interface UnitScoresJson {
  unitId: string;
  overall: number;
  parts: Record<string, number>;
  indicators: Record<string, { score: number; max: number; status: string; trace: { points: number; zh: string; eventIds: string[]; interpretations: string[] }[] }>;
}

const AS_OF = '2017-11-30T23:59:59+08:00';
const KNOWN_AT = '2030-01-01T00:00:00+08:00';
const QUERY = `asOf=${encodeURIComponent(AS_OF)}&knownAt=${encodeURIComponent(KNOWN_AT)}`;
const KIND: Record<string, string> = { street: '街道', department: '部门', 'hi-tech-zone': '高新区' };
const PARTS = ['1', '2', '3', '4', '5', '6'];

describe('reports (XLSX, CSV, PDF)', () => {
  let t: LedgerTestApp;
  let gov: AuthenticatedClient;
  let resultId: string;
  let scoresSha256: string;

  const file = (client: AuthenticatedClient, path: string) => client.get(path).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await startLedgerTestApp('reports');
    const commands = t.app.get(CommandBus);
    for (const step of lichengDistrict(t.app.get<Rulebook>(RULEBOOK))) await commands.execute(new AppendEventsCommand(step.actor, step.events));
    gov = await t.as('gov-office');
    const published = await gov.post('/v1/results', { assessmentId: 'lc-2017', knownAt: KNOWN_AT, occurredAt: '2018-01-06T09:00:00+08:00' }).expect(201);
    resultId = published.body.resultId;
    scoresSha256 = published.body.scoresSha256;
  });
  afterAll(() => t.close());

  async function expectedRankings(query: string): Promise<RankingRow[]> {
    const rankings = (await gov.get(`/v1/rankings?${query}`).expect(200)).body.units as RankingRow[];
    const scores = (await gov.get(`/v1/scores?${query}`).expect(200)).body.units as UnitScoresJson[];
    // The rankings' numbers are the scores' numbers.
    for (const r of rankings) expect(scores.find((s) => s.unitId === r.unitId)).toMatchObject({ overall: r.overall, parts: r.parts });
    expect(rankings).toHaveLength(scores.length);
    return rankings;
  }

  it('rankings.xlsx: every rank, name, kind, part and overall equals GET /v1/rankings and /v1/scores', async () => {
    const expected = await expectedRankings(QUERY);
    const res = await file(gov, `/v1/reports/rankings.xlsx?${QUERY}`).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('考核排名_2017-11-30_知悉2030-01-01.xlsx')}`);
    const workbook = await readWorkbook(res.body as Buffer);
    const [heading, ...rows] = sheetRows(workbook, '排名');
    expect(heading).toEqual(['名次', '单位', '单位编码', '类型', '第一部分', '第二部分', '第三部分', '第四部分', '第五部分', '第六部分', '总分']);
    expect(rows).toEqual(expected.map((u) => [u.rank, u.name, u.unitId, KIND[u.kind], ...PARTS.map((p) => u.parts[p]), u.overall]));
    expect(rows.map((r) => r[1])).toContain('海滨街道');
    const sheet = workbook.getWorksheet('排名')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(5).numFmt).toBe('0.00');
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(12);
    const info = Object.fromEntries(sheetRows(workbook, '报表信息').slice(1).map(([k, v]) => [k, v]));
    expect(info['评分时点（asOf）']).toBe('2017-11-30T23:59:59.000+08:00');
    expect(info['账本位置']).toBe(String(await t.head()));
    expect(info['账本头哈希']).toBe((await t.ledger.store.head()).hash);
    expect(info['考核']).toContain('lc-2017');
  });

  it('rankings.csv: UTF-8 with BOM, RFC 4180, numbers equal to the rankings; default query equals the current rankings', async () => {
    const res = await file(gov, '/v1/reports/rankings.csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const csv = res.body as Buffer;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('\r\n');
    const current = (await gov.get('/v1/rankings').expect(200)).body.units as RankingRow[];
    const table = csvTable(csv, '排名');
    expect(table.rows).toEqual(current.map((u) => [String(u.rank), u.name, u.unitId, KIND[u.kind], ...PARTS.map((p) => u.parts[p].toFixed(2)), u.overall.toFixed(2)]));
    expect(table.rows.map((r) => Number(r[10]))).toEqual(current.map((u) => u.overall));
    expect(csvHeaderValue(csv, '账本位置')).toBe(String(await t.head()));
  });

  it('the same query gives byte-identical CSV and XLSX, and a PDF with the same text', async () => {
    for (const format of ['csv', 'xlsx']) {
      const a = (await file(gov, `/v1/reports/rankings.${format}?${QUERY}`).expect(200)).body as Buffer;
      const b = (await file(gov, `/v1/reports/rankings.${format}?${QUERY}`).expect(200)).body as Buffer;
      expect(a.equals(b)).toBe(true);
    }
    const a = (await file(gov, `/v1/reports/units/haibin-street.pdf?${QUERY}`).expect(200)).body as Buffer;
    const b = (await file(gov, `/v1/reports/units/haibin-street.pdf?${QUERY}`).expect(200)).body as Buffer;
    if (hasPoppler) expect(pdfText(a)).toBe(pdfText(b));
    expect(a.equals(b)).toBe(true);
  });

  it('units/:unitId.xlsx and .csv: every indicator and every trace entry equals GET /v1/scores?unitId=', async () => {
    const scores = (await gov.get(`/v1/scores?unitId=haibin-street&${QUERY}`).expect(200)).body.units[0] as UnitScoresJson;
    const indicators = Object.entries(scores.indicators);
    const trace = indicators.flatMap(([id, s]) => s.trace.map((e) => ({ id, ...e })));
    expect(trace.length).toBeGreaterThan(0);

    const xlsx = await readWorkbook((await file(gov, `/v1/reports/units/haibin-street.xlsx?${QUERY}`).expect(200)).body as Buffer);
    const [, ...indicatorRows] = sheetRows(xlsx, '指标得分');
    expect(indicatorRows.map((r) => [r[0], r[3], r[4]])).toEqual(indicators.map(([id, s]) => [id, s.max, s.score]));
    const [, ...traceRows] = sheetRows(xlsx, '扣分明细');
    expect(traceRows.map((r) => [r[0], r[1], r[3], r[4] ?? '', r[5] ?? ''])).toEqual(
      trace.map((e) => [e.id, e.points, e.zh, e.interpretations.join(', '), e.eventIds.join('\n')]),
    );
    const info = Object.fromEntries(sheetRows(xlsx, '报表信息').slice(1).map(([k, v]) => [k, v]));
    expect(info['单位']).toBe('海滨街道（haibin-street，街道）');
    expect(info['总分']).toBe(scores.overall.toFixed(2));

    const res = await file(gov, `/v1/reports/units/haibin-street.csv?${QUERY}`).expect(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('扣分明细_海滨街道'));
    const csv = res.body as Buffer;
    expect(csvTable(csv, '指标得分').rows.map((r) => [r[0], Number(r[3]), Number(r[4])])).toEqual(indicators.map(([id, s]) => [id, s.max, s.score]));
    expect(csvTable(csv, '扣分明细').rows.map((r) => [r[0], Number(r[1]), r[3]])).toEqual(trace.map((e) => [e.id, e.points, e.zh]));
    // The events behind the points, with who recorded them and their evidence; the disputes and their outcome.
    const events = csvTable(csv, '相关事件').rows;
    expect(new Set(events.map((r) => r[0]))).toEqual(new Set(trace.flatMap((e) => e.eventIds)));
    expect(events.every((r) => r[4].includes(' / ') && r[5] !== '')).toBe(true);
    const disputes = csvTable(csv, '异议及处理').rows;
    expect(disputes).toEqual([expect.arrayContaining(['D-2017-001', '撤销认定', '经复核，预审意见理由具体，撤销该扣分'])]);
  });

  itWithPoppler('rankings.pdf: A4, the unit names in Chinese with their scores, page numbers', async () => {
    const expected = await expectedRankings(QUERY);
    const res = await file(gov, `/v1/reports/rankings.pdf?${QUERY}`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const raw = (res.body as Buffer).toString('latin1');
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]'); // A4
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC-Regular/); // the CJK font, embedded as a subset
    expect(raw).toContain('/FontFile2');
    const text = pdfText(res.body as Buffer);
    for (const u of expected) {
      const line = text.split('\n').find((l) => l.includes(` ${u.unitId} `));
      expect(line).toBeDefined();
      expect(line).toContain(u.name);
      expect(line).toContain(u.overall.toFixed(2));
      for (const p of PARTS) expect(line).toContain(u.parts[p].toFixed(2));
    }
    expect(text).toMatch(/第\s*1\s*页/);
    expect(text).toContain('账本头哈希');
  });

  it('a published result’s report states its scores digest, recomputed equal', async () => {
    const csv = (await file(await t.as('haibin-street'), `/v1/results/${resultId}/report.csv`).expect(200)).body as Buffer;
    expect(csvHeaderValue(csv, '发布的得分摘要（SHA-256）')).toBe(scoresSha256);
    expect(csvHeaderValue(csv, '重算的得分摘要（SHA-256）')).toBe(scoresSha256);
    expect(csvHeaderValue(csv, '核验')).toBe('一致');
    const published = (await gov.get(`/v1/results/${resultId}/scores?limit=1000`).expect(200)).body.units as UnitScoresJson[];
    const rows = csvTable(csv, '排名').rows;
    expect(rows).toHaveLength(published.length);
    for (const row of rows) expect(Number(row[10])).toBe(published.find((u) => u.unitId === row[2])!.overall);
    await file(gov, `/v1/results/${resultId}/report.pdf`).expect(200).expect('content-type', 'application/pdf');
  });

  it('a street gets its own unit report and a 403 for another unit’s or the rankings', async () => {
    const street = await t.as('haibin-street');
    await file(street, '/v1/reports/units/haibin-street.csv').expect(200);
    const other = await street.get('/v1/reports/units/kaiyuan-street.xlsx').expect(403);
    expect(other.body.message[0]).toMatch(/^unitId: /);
    await street.get('/v1/reports/rankings.pdf').expect(403);
    // A lead unit assesses every unit, as for GET /v1/scores.
    await file(await t.as('admin-service-centre'), '/v1/reports/units/kaiyuan-street.csv').expect(200);
  });

  it('OpenAPI describes the three routes as binary files of the three content types', async () => {
    const doc = (await gov.get('/docs-json').expect(200)).body as { paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }> };
    for (const path of ['/v1/reports/rankings.{format}', '/v1/reports/units/{unitId}.{format}', '/v1/results/{id}/report.{format}']) {
      const content = doc.paths[path]?.get?.responses['200']?.content ?? {};
      expect(Object.keys(content).sort()).toEqual(['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv; charset=utf-8']);
      expect(content['application/pdf'].schema).toEqual({ type: 'string', format: 'binary' });
    }
  });

  it('400 naming the field for a bad asOf, knownAt or format; 404 for an unknown unit', async () => {
    const bad = await gov.get('/v1/reports/rankings.csv?asOf=2017-02-30T00:00:00%2B08:00').expect(400);
    expect(bad.body.message[0]).toMatch(/^asOf /);
    expect((await gov.get('/v1/reports/units/haibin-street.pdf?knownAt=yesterday').expect(400)).body.message[0]).toMatch(/^knownAt /);
    expect((await gov.get('/v1/reports/rankings.docx').expect(400)).body.message[0]).toMatch(/^format: must be one of xlsx, csv, pdf/);
    expect((await gov.get('/v1/reports/units/haibin-street.txt').expect(400)).body.message[0]).toMatch(/^format: /);
    expect((await gov.get(`/v1/results/${resultId}/report.html`).expect(400)).body.message[0]).toMatch(/^format: /);
    expect((await gov.get('/v1/reports/units/nobody.csv').expect(404)).body.message[0]).toMatch(/^unitId: /);
  });
});
