// `ledger verify [--json]` (docs/integrity.md): recomputes every stream's hash chain, checks positions for gaps and
// that the ledger head still names the last event (a deleted tail leaves no gap behind). Exit 1 naming the first
// bad position when anything was altered.
import type { ChainProblem } from '../../../libs/ledger/src/hash-chain.js';
import { verifyLedger } from '../../../libs/event-store/src/verify-ledger.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, write, type CliCommand, type CliIo } from '../cli-command.js';
import { verifyExportFile } from '../verify-file.check.js';
import { withLedger } from '../cli-context.js';
import { progressBar } from '../progress.js';
import { verifyPublishedResult } from '../../../libs/application/src/published-results.js';
import { getRulebook } from '../../../libs/rulebook/src/index.js';
import { verifyEvidenceFiles } from '../evidence/verify-evidence-files.js';
import { checkResultReport } from '../../../libs/application/src/reports/result-report.check.js';

const usage = `Usage: ledger verify [--json] [--results ID | --file EXPORT]

Recomputes the hash chain of every stream of the configured ledger (DATABASE_URL, else the embedded PostgreSQL),
checks that positions run 1, 2, 3… without a gap and that the ledger head names the last event. Rehashes every
stored evidence file (POST /v1/evidence) and checks that every evidence entry of kind "file" names a stored file.

With --file EXPORT: the same checks on an export file (\`ledger export\`), without any database; problems name
the line. The rules: docs/integrity.md.

With --results ID: recomputes the published result ID (a ResultsPublished event id) from the ledger at the head it
pins — the scores JSON and its SHA-256 — and compares both the digest and the pinned head hash; recomputes the
result's report too (it must state the published digest) and prints the SHA-256 of its CSV and XLSX.

Options:
  --json          print the report as JSON: { ok, events, streams, head, problems: [{ position, streamId, streamRevision, reason }],
                  unusable: { count, events: [{ position, eventId, type, reason }] } }

Events intact in the chain whose date this version cannot read (stored unchecked by an older version) are named on
stderr: they are left out of scores and read models, and do not change the exit status.
  --results ID    verify a published result instead of the chain
  --file EXPORT   verify an export file offline
  -h, --help      this text

Exit status: 0 intact; 1 altered (the first bad position and its reason on stderr); 2 bad usage or no database.
`;

function describe(problem: ChainProblem): string {
  const where = problem.streamId ? ` (stream ${problem.streamId}, revision ${problem.streamRevision})` : '';
  // A stored evidence file has no position: its problem is named by its SHA-256 alone.
  return problem.position > 0 ? `position ${problem.position}${where}: ${problem.reason}` : problem.reason;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'verify', usage, argv, { json: { type: 'boolean' }, results: { type: 'string' }, file: { type: 'string' } });
  if (typeof parsed === 'number') return parsed;
  const json = parsed.values.json === true;
  const resultId = parsed.values.results;
  const file = parsed.values.file;
  if (typeof file === 'string') return verifyFile(io, file, json);
  if (typeof resultId === 'string') return verifyResults(io, resultId.toLowerCase(), json);
  return withLedger(io, 'verify', async ({ store, pool }) => {
    const progress = progressBar(io, 'verify');
    const chain = await verifyLedger(store, { onProgress: (done, total) => progress.update(done, total) });
    progress.finish();
    const report = await verifyEvidenceFiles(chain, store, pool);
    const problems = report.problems;
    if (json) await write(io.stdout, `${JSON.stringify(report, null, 2)}\n`);
    if (report.unusable.count > 0) {
      // Intact in the chain but left out of every score and read model: say which, so nobody relies on them.
      const named = report.unusable.events.map((u) => `  position ${u.position} (${u.type} ${u.eventId}): ${u.reason}\n`);
      await write(io.stderr, `verify: ${report.unusable.count} event(s) cannot be scored and are left out of scores and read models:\n${named.join('')}`);
    }
    if (report.ok) {
      if (!json) await write(io.stdout, `ok: ${report.events} events in ${report.streams} streams, head at position ${report.head}; every hash recomputed, no gap\n${report.evidence.summary}\n`);
      return EXIT_OK;
    }
    const [first] = problems;
    const lines = [`verify: the ledger was altered; first bad ${describe(first)}\n`];
    if (!json) lines.push(...problems.slice(1).map((p) => `  also ${describe(p)}\n`));
    await write(io.stderr, lines.join(''));
    return EXIT_BAD_INPUT;
  });
}

async function verifyFile(io: CliIo, path: string, json: boolean): Promise<number> {
  const progress = progressBar(io, 'verify');
  let report;
  try {
    report = await verifyExportFile(path, (done, total) => progress.update(done, total));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    await write(io.stderr, `verify: cannot read ${path}: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  progress.finish();
  if (json) await write(io.stdout, `${JSON.stringify(report, null, 2)}\n`);
  if (report.ok) {
    if (!json) await write(io.stdout, `ok: ${path}: ${report.events} events in ${report.streams} streams, last position ${report.head}; every hash recomputed, no gap\n`);
    return EXIT_OK;
  }
  const [first, ...rest] = report.problems;
  const lines = [`verify: ${path} was altered; first bad line ${first.line}: ${describe(first)}\n`];
  if (!json) lines.push(...rest.map((p) => `  also line ${p.line}: ${describe(p)}\n`));
  await write(io.stderr, lines.join(''));
  return EXIT_BAD_INPUT;
}

async function verifyResults(io: CliIo, resultId: string, json: boolean): Promise<number> {
  return withLedger(io, 'verify', async ({ store }) => {
    const [published] = await store.findByIds([resultId]);
    if (!published || published.type !== 'ResultsPublished') {
      await write(io.stderr, `verify: no published result ${resultId} (a ResultsPublished event id)\n`);
      return EXIT_BAD_INPUT;
    }
    const { scores: _scores, recomputed, ...verification } = await verifyPublishedResult(store, getRulebook('lc-2017'), published);
    // The result's report (libs/application/src/reports) is recomputed too, from the same scores, and must state the published digest.
    const reportCheck = await checkResultReport(store, getRulebook('lc-2017'), published, recomputed);
    const report = { ...verification, ok: verification.ok && reportCheck.ok, problems: [...verification.problems, ...reportCheck.problems], report: reportCheck };
    if (json) await write(io.stdout, `${JSON.stringify(report, null, 2)}\n`);
    if (report.ok) {
      if (!json) {
        await write(io.stdout, `ok: result ${resultId} recomputed at position ${String(published.data.ledgerPosition)}: scores SHA-256 ${report.scoresSha256}\n`);
        await write(io.stdout, `ok: its report recomputed (${reportCheck.units} units): CSV SHA-256 ${reportCheck.csvSha256}, XLSX SHA-256 ${reportCheck.xlsxSha256}\n`);
      }
      return EXIT_OK;
    }
    await write(io.stderr, report.problems.map((p) => `verify: result ${resultId}: ${p}\n`).join(''));
    return EXIT_BAD_INPUT;
  });
}

export const command: CliCommand = { name: 'verify', summary: 'recompute every hash chain and check positions; name the first bad position', usage, run };
