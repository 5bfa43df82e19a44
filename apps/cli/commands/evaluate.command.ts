// `ledger evaluate --events FILE.ndjson [--as-of ISO] [--known-at ISO] [--unit ID]` (docs/scores.md): checks every
// line as an append would be checked, then prints the scores JSON of §3. On bad input: `line N: field: reason` on
// stderr, nothing on stdout, exit 1.
import { parseArgs } from 'node:util';
import { isInstant } from '../../../events/index.js';
import { createEvaluation, findRulebook, getRulebook, notKnownYet, type Evaluation } from '../../../libs/rulebook/src/index.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, write, type CliCommand, type CliIo } from '../cli-command.js';
import { checkLedgerFile } from '../evaluate/ledger-file.check.js';
import { writeScores } from '../evaluate/scores.output.js';
import { progressBar } from '../progress.js';

const DEFAULT_RULEBOOK = 'lc-2017';

const usage = `Usage: ledger evaluate --events FILE.ndjson [--as-of ISO] [--known-at ISO] [--unit ID]

Reads events (one JSON envelope a line, docs/events.md; blank lines skipped), checks each as the ledger checks an
append (docs/events.md) and prints the scores JSON (docs/scores.md) on stdout. An export's hashes are recomputed
when its lines carry them (docs/integrity.md): a tampered line is refused.

Each line needs "actor" ({"unitId", "userId"}: who appended it, checked against who may append what);
"recordedAt" defaults to "occurredAt"; an event without "eventId" gets one derived from its line.
The rulebook is the one named by an AssessmentOpened on the first line, else ${DEFAULT_RULEBOOK}.

Options:
  --events FILE     the NDJSON file (required)
  --as-of ISO       valid time: facts that occurred until then count (default: the end of the assessment year)
  --known-at ISO    system time: only events recorded until then are known (default: now)
  --unit ID         only this unit
  -h, --help        this text

A unit is known at --known-at once a UnitRegistered for it was recorded by then (a lead unit: once anything was);
before anything was recorded there are no units ("units": []), as in GET /v1/scores and /v1/rankings.

Exit status: 0 scores printed; 1 bad input (each problem as "line N: field: reason" on stderr, nothing on
stdout), or --unit names a unit not known at --known-at; 2 bad usage or unreadable file.
`;

interface EvaluateArgs {
  events: string;
  asOf?: string;
  knownAt?: string;
  unitId?: string;
}

function parse(argv: string[]): { ok: true; args: EvaluateArgs | 'help' } | { ok: false; message: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        events: { type: 'string' },
        'as-of': { type: 'string' },
        'known-at': { type: 'string' },
        unit: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (values.help) return { ok: true, args: 'help' };
  if (values.events === undefined) return { ok: false, message: '--events FILE is required' };
  for (const [flag, value] of [['--as-of', values['as-of']], ['--known-at', values['known-at']]] as const) {
    if (value !== undefined && !isInstant(value)) return { ok: false, message: `${flag} must be an ISO 8601 date-time with an offset, e.g. 2017-11-30T23:59:59+08:00` };
  }
  return { ok: true, args: { events: values.events, asOf: values['as-of'], knownAt: values['known-at'], unitId: values.unit } };
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parse(argv);
  if (!parsed.ok) {
    await write(io.stderr, `evaluate: ${parsed.message}\n\n${usage}`);
    return EXIT_USAGE;
  }
  if (parsed.args === 'help') {
    await write(io.stdout, usage);
    return EXIT_OK;
  }
  const args = parsed.args;
  // The evaluator may not read the clock; the command does, once.
  const knownAt = args.knownAt ?? io.now().toISOString();
  let evaluation: Evaluation | undefined;
  const start = (rulebook: ReturnType<typeof getRulebook>): Evaluation =>
    createEvaluation({ rulebook, asOf: args.asOf ?? rulebook.year.to, knownAt, ...(args.unitId !== undefined ? { unitId: args.unitId } : {}) });

  // Reading, checking and folding a large export takes seconds: progress on stderr (stdout is the scores JSON).
  const progress = progressBar(io, 'evaluate: reading');
  let check;
  try {
    check = await checkLedgerFile(args.events, {
      onProgress: (bytes, total) => progress.update(bytes, total),
      defaultRulebook: getRulebook(DEFAULT_RULEBOOK),
      findRulebook,
      accept: (event, rulebook) => {
        evaluation ??= start(rulebook);
        evaluation.add(event);
      },
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === undefined) throw error;
    await write(io.stderr, `evaluate: cannot read ${args.events}: ${e.message}\n`);
    return EXIT_USAGE;
  }
  progress.finish();

  if (check.problemCount > 0) {
    const lines = check.problems.map((p) => `line ${p.lineNumber}: ${p.field}: ${p.reason}\n`);
    const more = check.problemCount - check.problems.length;
    if (more > 0) lines.push(`… and ${more} more problems\n`);
    await write(io.stderr, lines.join(''));
    return EXIT_BAD_INPUT;
  }
  const done = evaluation ?? start(check.rulebook);
  if (!done.anythingKnown() && args.unitId === undefined) {
    // Nothing recorded by knownAt: no units, as GET /v1/scores and /v1/rankings answer.
    await writeScores(io.stdout, { ...done.header(), units: [] });
    return EXIT_OK;
  }
  if (args.unitId !== undefined) {
    // The same answer as GET /v1/scores?unitId=: a unit not known at knownAt is refused, not an empty document.
    const units = done.anythingKnown() ? [...done.units()] : [];
    if (units.length === 0) {
      await write(io.stderr, `evaluate: ${notKnownYet(args.unitId, done.header().knownAt)}\n`);
      return EXIT_BAD_INPUT;
    }
    await writeScores(io.stdout, { ...done.header(), units });
    return EXIT_OK;
  }
  await writeScores(io.stdout, { ...done.header(), units: done.units() });
  return EXIT_OK;
}

export const command: CliCommand = {
  name: 'evaluate',
  summary: 'score events from an NDJSON file and print the scores JSON (offline)',
  usage,
  run,
};
