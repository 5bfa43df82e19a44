// `ledger report rankings|unit ID|result ID --format xlsx|csv|pdf [--as-of ISO] [--known-at ISO] [--out FILE]`: the
// reports of GET /v1/reports/… and GET /v1/results/:id/report.…, built by the same code from the configured ledger.
import { createWriteStream } from 'node:fs';
import type pg from 'pg';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import { pipeline } from 'node:stream/promises';
import { isInstant, UNIT_ID_PATTERN } from '../../../events/index.js';
import { getRulebook, parseInstant } from '../../../libs/rulebook/src/index.js';
import { isReportFormat, renderReport, REPORT_FORMATS } from '../../../libs/application/src/reports/report-format.js';
import { ReportNotFound } from '../../../libs/application/src/reports/report-pin.js';
import type { Report } from '../../../libs/application/src/reports/report.model.js';
import { findPublishedResult, Reports, resultReport, unitReport } from '../../../libs/application/src/reports/reports.js';
import { RankingsAt } from '../../../libs/application/src/rankings/rankings-at.js';
import { scoresAtHead } from '../../../libs/application/src/published-results.js';
import { ALL_PROJECTIONS, Projector } from '../../../projections/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, write, type CliCommand, type CliIo } from '../cli-command.js';
import { withLedger } from '../cli-context.js';

const usage = `Usage: ledger report rankings --format FORMAT [--as-of ISO] [--known-at ISO] [--out FILE]
       ledger report unit UNIT_ID --format FORMAT [--as-of ISO] [--known-at ISO] [--out FILE]
       ledger report result RESULT_ID --format FORMAT [--out FILE]

Writes a report of the configured ledger (DATABASE_URL, else the embedded PostgreSQL), the same file the HTTP API
serves at /v1/reports/rankings.FORMAT, /v1/reports/units/UNIT_ID.FORMAT and /v1/results/RESULT_ID/report.FORMAT:
  rankings   every unit ranked by overall, with its six part scores
  unit       one unit's 扣分明细: indicators, every point lost or earned with rule, interpretations, events,
             evidence, and its disputes
  result     a published result, recomputed at the head it pins, with its scores digest

The ledger head is pinned when the command starts; the same head and options give the same bytes (CSV, XLSX).

Options:
  --format FORMAT   xlsx, csv (UTF-8 with BOM) or pdf (A4)
  --as-of ISO       valid time (default: the end of the assessment year)
  --known-at ISO    system time (default: the recordedAt of the ledger head)
  --out FILE        write here (default: stdout)
  -h, --help        this text

Exit status: 0 written; 1 unknown unit or result, or an empty ledger; 2 bad usage or no database.
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(
    io,
    'report',
    usage,
    argv,
    { format: { type: 'string' }, 'as-of': { type: 'string' }, 'known-at': { type: 'string' }, out: { type: 'string' } },
    { min: 1, max: 2 },
  );
  if (typeof parsed === 'number') return parsed;
  const [kind, id] = parsed.positionals;
  const { format, out } = parsed.values;
  const query = { asOf: parsed.values['as-of'], knownAt: parsed.values['known-at'] };
  const problems: string[] = [];
  if (!['rankings', 'unit', 'result'].includes(kind)) problems.push(`report: the report must be rankings, unit or result, not "${kind}"`);
  if (kind === 'rankings' && id !== undefined) problems.push('report: rankings takes no argument');
  if (kind === 'unit' && (id === undefined || !UNIT_ID_PATTERN.test(id))) problems.push('report: unit needs a UNIT_ID (lowercase letters, digits and hyphens)');
  if (kind === 'result' && id === undefined) problems.push('report: result needs a RESULT_ID');
  if (format === undefined || !isReportFormat(format)) problems.push(`--format: must be one of ${REPORT_FORMATS.join(', ')}`);
  for (const [name, value] of [['--as-of', query.asOf], ['--known-at', query.knownAt]] as const) {
    if (value !== undefined && !validInstant(value)) problems.push(`${name}: must be an ISO 8601 date-time with an offset, e.g. 2017-11-30T23:59:59+08:00`);
  }
  if (problems.length > 0 || format === undefined || !isReportFormat(format)) {
    await write(io.stderr, `${problems.join('\n')}\n\n${usage}`);
    return EXIT_USAGE;
  }
  return withLedger(io, 'report', async ({ store, pool }) => {
    const rulebook = getRulebook('lc-2017');
    let report: Report;
    try {
      if (kind === 'rankings') {
        // The rankings come from the read models, as GET /v1/rankings answers them: bring them up to the head first
        // (the projector's checkpoint lock lets this run beside an API that follows the same read models).
        await catchUpReadModels(store, pool);
        report = await new Reports(pool, store, rulebook, new RankingsAt(pool, store, rulebook)).rankings(query);
      } else if (kind === 'unit') {
        report = await unitReport(store, rulebook, id, query);
      } else {
        const published = await findPublishedResult(store, id);
        report = await resultReport(store, rulebook, published, await scoresAtHead(store, rulebook, published.data as { asOf: string; knownAt: string; ledgerPosition: number }));
      }
    } catch (error) {
      if (!(error instanceof ReportNotFound)) throw error;
      await write(io.stderr, `report: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const file = await renderReport(report, format);
    if (out !== undefined) {
      await pipeline(file, createWriteStream(out));
      await write(io.stderr, `report: wrote ${out} (${report.fileName}.${format}: ${report.title}, ledger position ${report.header.ledger.position})\n`);
    } else {
      // stdout stays open: the process owns it.
      for await (const chunk of file) {
        await new Promise<void>((resolve, reject) => io.stdout.write(chunk as Buffer, (error) => (error ? reject(error) : resolve())));
      }
    }
    return EXIT_OK;
  });
}

async function catchUpReadModels(store: EventStore, pool: pg.Pool): Promise<void> {
  const projector = new Projector({ store, pool, projections: ALL_PROJECTIONS });
  await projector.start();
  try {
    await projector.waitFor((await store.head()).position, 10 * 60_000);
  } finally {
    await projector.stop();
  }
}

function validInstant(value: string): boolean {
  if (!isInstant(value)) return false;
  try {
    parseInstant(value);
    return true;
  } catch {
    return false;
  }
}

export const command: CliCommand = { name: 'report', summary: 'write the rankings, a unit’s 扣分明细 or a published result as XLSX, CSV or PDF', usage, run };
