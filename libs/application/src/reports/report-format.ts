// The three file formats: which renderer, which content type, and the download's file name (RFC 6266 with an RFC 5987
// `filename*` in UTF-8 for the Chinese name, and an ASCII `filename` for clients that know no better).
import type { Readable } from 'node:stream';
import type { Report } from './report.model.js';

export const REPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

// Loaded on first use: exceljs and pdfkit are large, and most processes (the API at start, other CLI commands) never
// render a report.
const RENDERERS: Record<ReportFormat, () => Promise<(report: Report) => Readable>> = {
  xlsx: async () => (await import('./render-xlsx.js')).renderXlsx,
  csv: async () => (await import('./render-csv.js')).renderCsv,
  pdf: async () => (await import('./render-pdf.js')).renderPdf,
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export async function renderReport(report: Report, format: ReportFormat): Promise<Readable> {
  return (await RENDERERS[format]())(report);
}

/** RFC 5987 ext-value: UTF-8, percent-encoded except attr-chars. */
function extValue(text: string): string {
  return `UTF-8''${encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function contentDisposition(report: Report, format: ReportFormat): string {
  const ascii = report.asciiFileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}.${format}"; filename*=${extValue(`${report.fileName}.${format}`)}`;
}
