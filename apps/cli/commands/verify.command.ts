// `ledger verify [--json]` (events.md §4, §5): recomputes every stream's hash chain, checks positions for gaps and
// that the ledger head still names the last event (a deleted tail leaves no gap behind). Exit 1 naming the first
// bad position when anything was altered.
import type { ChainProblem } from '../../../libs/ledger/src/hash-chain.js';
import { verifyLedger } from '../../../libs/event-store/src/verify-ledger.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_BAD_INPUT, EXIT_OK, write, type CliCommand, type CliIo } from '../cli-command.js';
import { withLedger } from '../cli-context.js';
import { progressBar } from '../progress.js';

const usage = `Usage: ledger verify [--json]

Recomputes the hash chain of every stream of the configured ledger (DATABASE_URL, else the embedded PostgreSQL),
checks that positions run 1, 2, 3… without a gap and that the ledger head names the last event.

Options:
  --json       print the report as JSON: { ok, events, streams, head, problems: [{ position, streamId, streamRevision, reason }] }
  -h, --help   this text

Exit status: 0 intact; 1 altered (the first bad position and its reason on stderr); 2 bad usage or no database.
`;

function describe(problem: ChainProblem): string {
  const where = problem.streamId ? ` (stream ${problem.streamId}, revision ${problem.streamRevision})` : '';
  return `position ${problem.position}${where}: ${problem.reason}`;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'verify', usage, argv, { json: { type: 'boolean' } });
  if (typeof parsed === 'number') return parsed;
  const json = parsed.values.json === true;
  return withLedger(io, 'verify', async ({ store }) => {
    const progress = progressBar(io, 'verify');
    const report = await verifyLedger(store, { onProgress: (done, total) => progress.update(done, total) });
    progress.finish();
    const problems = report.problems;
    if (json) await write(io.stdout, `${JSON.stringify(report, null, 2)}\n`);
    if (report.ok) {
      if (!json) await write(io.stdout, `ok: ${report.events} events in ${report.streams} streams, head at position ${report.head}; every hash recomputed, no gap\n`);
      return EXIT_OK;
    }
    const [first] = problems;
    const lines = [`verify: the ledger was altered; first bad ${describe(first)}\n`];
    if (!json) lines.push(...problems.slice(1).map((p) => `  also ${describe(p)}\n`));
    await write(io.stderr, lines.join(''));
    return EXIT_BAD_INPUT;
  });
}

export const command: CliCommand = { name: 'verify', summary: 'recompute every hash chain and check positions; name the first bad position', usage, run };
