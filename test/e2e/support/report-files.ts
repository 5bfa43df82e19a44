// Reading report files back the way a user's software would: exceljs for XLSX, a CSV parser for CSV, poppler's
// pdftotext for PDF (skipped with a reason where poppler-utils is not installed).
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type request from 'supertest';

/** supertest: keep the body as raw bytes whatever the content type. */
export function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

export type Table = { heading: string[]; rows: string[][] };

/** A table of a report CSV: the records under its 【title】 row, up to the next empty record. */
export function csvTable(csv: Buffer, title: string): Table {
  const records = parse(csv, { bom: true }) as string[][];
  const at = records.findIndex((r) => r[0] === `【${title}】`);
  if (at < 0) throw new Error(`no table ${title} in the CSV`);
  const heading = records[at + 1].filter((f) => f !== '');
  const rows: string[][] = [];
  for (const record of records.slice(at + 2)) {
    if (record.every((f) => f === '')) break;
    rows.push(record.slice(0, heading.length));
  }
  return { heading, rows };
}

export function csvHeaderValue(csv: Buffer, name: string): string | undefined {
  return (parse(csv, { bom: true }) as string[][]).find((r) => r[0] === name)?.[1];
}

export async function readWorkbook(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as cell values (row 1 is the heading). */
export function sheetRows(workbook: ExcelJS.Workbook, name: string): ExcelJS.CellValue[][] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

export const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
export const POPPLER_MISSING = 'pdftotext/pdftoppm not installed (Debian poppler-utils; .ci/run installs it)';

export function pdfText(pdf: Buffer, layout = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const run = spawnSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfPageCount(pdf: Buffer): number {
  return pdfText(pdf, false).split('\f').filter((page) => page.trim() !== '').length;
}

/** `it` for tests that read PDFs with pdftotext; without poppler they are reported as skipped, with the reason in the name. */
export const itWithPoppler = (name: string, fn: () => Promise<unknown>, timeout?: number): void =>
  hasPoppler ? it(name, fn, timeout) : it.skip(`${name} — skipped: ${POPPLER_MISSING}`, fn, timeout);
