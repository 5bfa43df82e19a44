// The renderers on a small hand-made report: what a user's software reads back, and that nothing depends on the clock.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { contentDisposition, renderReport } from './report-format.js';
import { REPORT_GENERATOR, type Report } from './report.model.js';
import { displayWidth } from './render-xlsx.js';

const report: Report = {
  kind: 'unit',
  title: '扣分明细 — 海滨街道',
  fileName: '扣分明细_海滨街道_2017-12-31',
  asciiFileName: 'deductions-haibin-street-2017-12-31',
  header: {
    assessment: { id: 'lc-2017', title: '2017年度"互联网+政务服务"绩效考核' },
    rulebook: { id: 'lc-2017', title: '泉鲤政办〔2017〕143号' },
    asOf: '2017-12-31T23:59:59.999+08:00',
    knownAt: '2018-01-05T00:00:00.000+08:00',
    ledger: { position: 42, hash: 'ab'.repeat(32) },
    checkpoint: { treeSize: 42, rootHash: 'q83vEjRWeJA=' },
  },
  tables: [
    {
      id: 'trace',
      title: '扣分明细',
      columns: [
        { key: 'indicator', title: '指标', type: 'text', pdfWidth: 3 },
        { key: 'points', title: '分值', type: 'score', pdfWidth: 3 },
        { key: 'rule', title: '规则说明', type: 'text', pdfWidth: 20 },
      ],
      rows: [
        ['3.5', -2, '抽查发现以含糊原因或未说明理由, 预审不通过 "材料不齐全"\n第二行'],
        ['2.1', -16.67, null],
      ],
    },
  ],
  footer: { generatedAt: '2018-01-05T09:30:12.345+08:00', generatedBy: REPORT_GENERATOR },
};

async function bytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Every entry's DOS date and time from a zip's central directory. */
function zipEntryTimes(zip: Buffer): { name: string; time: string }[] {
  const entries: { name: string; time: string }[] = [];
  for (let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
    const time = zip.readUInt16LE(at + 12);
    const date = zip.readUInt16LE(at + 14);
    const name = zip.subarray(at + 46, at + 46 + zip.readUInt16LE(at + 28)).toString('utf8');
    const pad = (n: number) => String(n).padStart(2, '0');
    entries.push({ name, time: `${1980 + (date >> 9)}-${pad((date >> 5) & 15)}-${pad(date & 31)} ${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}` });
  }
  return entries;
}

describe('report renderers', () => {
  it('CSV: a BOM, CRLF records of equal width, RFC 4180 quoting, scores with two decimals, Chinese intact', async () => {
    const csv = await bytes(await renderReport(report, 'csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text).toContain('"抽查发现以含糊原因或未说明理由, 预审不通过 ""材料不齐全""\n第二行"');
    expect(text.split('\r\n').length).toBeGreaterThan(10);
    const records = parse(csv, { bom: true }) as string[][];
    expect(new Set(records.map((r) => r.length))).toEqual(new Set([3]));
    expect(records).toContainEqual(['3.5', '-2.00', '抽查发现以含糊原因或未说明理由, 预审不通过 "材料不齐全"\n第二行']);
    expect(records).toContainEqual(['2.1', '-16.67', '']);
    expect(records).toContainEqual(['检查点根哈希', 'q83vEjRWeJA=', '']);
    expect(records).toContainEqual(['生成时间（账本记录时间）', '2018-01-05T09:30:12.345+08:00', '']);
  });

  it('XLSX: numbers as numbers in 0.00, a frozen heading, Chinese widths, every date the report’s own', async () => {
    const xlsx = await bytes(await renderReport(report, 'xlsx'));
    const times = zipEntryTimes(xlsx);
    expect(times.length).toBeGreaterThan(5);
    // The report's time as wall-clock time in UTC+8 (DOS times have two-second steps).
    expect(new Set(times.map((e) => e.time))).toEqual(new Set(['2018-01-05 09:30:12']));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(workbook.created.toISOString()).toBe('2018-01-05T01:30:12.000Z') // docProps/core.xml keeps seconds;
    const sheet = workbook.getWorksheet('扣分明细')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(2).getCell(2).value).toBe(-2);
    expect(sheet.getRow(3).getCell(2).value).toBe(-16.67);
    expect(sheet.getColumn(2).numFmt).toBe('0.00');
    expect(sheet.getColumn(3).width).toBeGreaterThan(displayWidth('抽查发现以含糊原因或未说明理由, 预审不通过 "材料不齐全"'));
    expect(workbook.getWorksheet('报表信息')!.getRow(2).values).toEqual([undefined, '报表', '扣分明细 — 海滨街道']);
  });

  it('the same report renders to the same bytes in every format', async () => {
    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      const first = await bytes(await renderReport(report, format));
      const second = await bytes(await renderReport(report, format));
      expect(first.equals(second)).toBe(true);
    }
  });

  it('names the file in Chinese with RFC 5987, and in ASCII for old clients', () => {
    expect(contentDisposition(report, 'pdf')).toBe(
      `attachment; filename="deductions-haibin-street-2017-12-31.pdf"; filename*=UTF-8''${encodeURIComponent('扣分明细_海滨街道_2017-12-31.pdf')}`,
    );
    expect(displayWidth('海滨街道 ab')).toBe(11);
  });
});
