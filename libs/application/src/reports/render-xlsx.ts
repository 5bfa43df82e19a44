// XLSX with exceljs's streaming writer: a sheet for the header and footer (报表信息) and one per table, each with a
// frozen heading row, scores in the number format 0.00 and column widths that fit Chinese text (a CJK character
// is about two Latin ones wide). The workbook's dates and the zip entries' times are the report's ledger time, not
// the clock, so the same report gives the same bytes.
import type ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import { PassThrough, type Readable } from 'node:stream';
import { parseInstant } from '../../../rulebook/src/index.js';
import { cellText, footerLines, headerLines } from './report-labels.js';
import type { Cell, Report, ReportColumn, ReportTable } from './report.model.js';

// Only the streaming writer: exceljs's entry point also loads the workbook model and the reader (unzipper and
// more), which took two thirds of the first report's module loading. A path inside the pinned exceljs 4.4.0.
const WorkbookWriter = createRequire(import.meta.url)('exceljs/lib/stream/xlsx/workbook-writer.js') as typeof ExcelJS.stream.xlsx.WorkbookWriter;

const CJK = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Display width in Excel's character units: CJK and full-width characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += CJK.test(ch) ? 2 : 1;
  return width;
}

function columnWidth(column: ReportColumn, rows: readonly Cell[][], index: number): number {
  let widest = displayWidth(column.title);
  for (const row of rows) {
    // A multi-line cell is as wide as its longest line.
    for (const line of cellText(row[index], column).split('\n')) widest = Math.max(widest, displayWidth(line));
  }
  return Math.min(60, Math.max(6, widest + 2));
}

/** The Date whose local fields are the instant's wall-clock time in UTC+8: zip times are local, so this is the same on any machine. */
function zipDate(instant: string): Date {
  const wall = new Date(parseInstant(instant) + 8 * 3_600_000);
  return new Date(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds());
}

interface ZipInternals {
  _moduleAppend(source: unknown, data: Record<string, unknown>, callback: () => void): void;
}

function addTableSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: ReportTable): void {
  const sheet = workbook.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  const styles = table.columns.map((column): Partial<ExcelJS.Style> =>
    column.type === 'score' ? { numFmt: '0.00' } : column.type === 'text' ? { alignment: { wrapText: true, vertical: 'top' } } : {},
  );
  sheet.columns = table.columns.map((column, i) => ({ header: column.title, key: column.key, width: columnWidth(column, table.rows, i), style: styles[i] }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const values of table.rows) {
    const row = sheet.addRow(values);
    // exceljs gives every cell a fresh copy of its column's style, and its style index recognises a style it has
    // seen only by object identity: so each cell's style was re-derived and looked up (most of the writing time).
    // One shared object per column is the same style, found at once.
    for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i];
    row.commit();
  }
  sheet.commit();
}

/** The report as an XLSX byte stream. */
export function renderXlsx(report: Report): Readable {
  const out = new PassThrough();
  const workbook = new WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const fixed = zipDate(report.footer.generatedAt);
  // exceljs's zip (archiver) dates every entry with the clock as it is queued, the first ones inside the writer's
  // constructor; entries are written later, one by one, so set the report's time on each as it is written.
  // Pinned versions; the byte-identity tests notice if this stops working.
  const zip = (workbook as unknown as { zip: ZipInternals }).zip;
  const moduleAppend = zip._moduleAppend.bind(zip);
  zip._moduleAppend = (source, data, callback) => moduleAppend(source, { ...data, date: fixed }, callback);
  const at = new Date(parseInstant(report.footer.generatedAt));
  workbook.creator = report.footer.generatedBy;
  workbook.lastModifiedBy = report.footer.generatedBy;
  workbook.created = at;
  workbook.modified = at;
  workbook.title = report.title;

  const info = workbook.addWorksheet('报表信息', { views: [{ state: 'frozen', ySplit: 1 }] });
  const lines = [...headerLines(report), ...footerLines(report)];
  info.columns = [
    { header: '项目', key: 'name', width: Math.max(...lines.map(([name]) => displayWidth(name))) + 2 },
    { header: '内容', key: 'value', width: Math.min(90, Math.max(...lines.map(([, value]) => displayWidth(value))) + 2) },
  ];
  info.getRow(1).font = { bold: true };
  info.getRow(1).commit();
  for (const line of lines) info.addRow(line).commit();
  info.commit();
  for (const table of report.tables) addTableSheet(workbook, table);
  workbook.commit().catch((error: Error) => out.destroy(error));
  return out;
}
