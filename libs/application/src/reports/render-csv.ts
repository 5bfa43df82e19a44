// CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break), UTF-8 with a byte order
// mark so Excel and WPS open it as Chinese. One file holds the whole report: the header lines, then each table
// under its title, then the footer; every record has the same number of fields (padded), as RFC 4180 asks.
import { stringify } from 'csv-stringify';
import type { Readable } from 'node:stream';
import { cellText, footerLines, headerLines } from './report-labels.js';
import type { Report } from './report.model.js';

function* records(report: Report, width: number): Generator<string[]> {
  const pad = (fields: string[]): string[] => [...fields, ...new Array<string>(Math.max(0, width - fields.length)).fill('')];
  for (const [name, value] of headerLines(report)) yield pad([name, value]);
  for (const table of report.tables) {
    yield pad([]);
    yield pad([`【${table.title}】`]);
    yield pad(table.columns.map((c) => c.title));
    for (const row of table.rows) yield pad(row.map((cell, i) => cellText(cell, table.columns[i])));
  }
  yield pad([]);
  for (const [name, value] of footerLines(report)) yield pad([name, value]);
}

/** The report as a CSV byte stream. */
export function renderCsv(report: Report): Readable {
  const width = Math.max(2, ...report.tables.map((t) => t.columns.length));
  const csv = stringify({ bom: true, record_delimiter: '\r\n' });
  void (async () => {
    for (const record of records(report, width)) {
      // Respect back-pressure, so a large report streams instead of piling up in memory.
      if (!csv.write(record)) await new Promise((resolve) => csv.once('drain', resolve));
    }
    csv.end();
  })().catch((error: Error) => csv.destroy(error));
  return csv;
}
