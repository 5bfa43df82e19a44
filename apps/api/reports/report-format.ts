// The three file formats: which renderer, which content type, and the download's file name (RFC 6266 with an RFC 5987
// `filename*` in UTF-8 for the Chinese name, and an ASCII `filename` for clients that know no better).
import type { Readable } from 'node:stream';
import { renderCsv } from './render-csv.js';
import { renderPdf } from './render-pdf.js';
import { renderXlsx } from './render-xlsx.js';
import type { Report } from './report.model.js';

export const REPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

const RENDERERS: Record<ReportFormat, (report: Report) => Readable> = { xlsx: renderXlsx, csv: renderCsv, pdf: renderPdf };

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function renderReport(report: Report, format: ReportFormat): Readable {
  return RENDERERS[format](report);
}

/** RFC 5987 ext-value: UTF-8, percent-encoded except attr-chars. */
function extValue(text: string): string {
  return `UTF-8''${encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function contentDisposition(report: Report, format: ReportFormat): string {
  const ascii = report.asciiFileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}.${format}"; filename*=${extValue(`${report.fileName}.${format}`)}`;
}
