// `ledger export [--out FILE]` (events.md §5): the whole ledger as NDJSON in position order, one stored envelope a
// line. Read in batches and written with back-pressure, so a million events never sit in memory at once. The export
// ends at the head read when it started: a consistent prefix even while the API keeps appending.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseCommandArgs } from '../args.js';
import { formatExportLine } from '../export-line.js';
import { ChainVerifier } from '../../../libs/ledger/src/hash-chain.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, write, type CliCommand, type CliIo } from '../cli-command.js';
import { withLedger } from '../cli-context.js';
import { progressBar } from '../progress.js';
import { readLog } from '../../../libs/event-store/src/read-log.js';

const BATCH = 5000;

const usage = `Usage: ledger export [--out FILE]

Writes the whole ledger as NDJSON in position order, one stored event a line:
{ position, streamId, streamRevision, eventId, type, schemaVersion, occurredAt, recordedAt, actor, evidence, data, hash, prevHash }.
\`ledger import\` reads it back into an empty ledger; anyone can recompute the hashes from it (events.md §4).

Options:
  --out FILE   write to FILE instead of stdout
  -h, --help   this text

Every hash is recomputed as the events are written (docs/integrity.md). Exit status: 0 written; 1 the ledger was
altered (everything read is still written, the first bad position on stderr); 2 bad usage or no database.
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'export', usage, argv, { out: { type: 'string' } });
  if (typeof parsed === 'number') return parsed;
  const outPath = parsed.values.out;
  return withLedger(io, 'export', async ({ store }) => {
    const head = await store.head();
    let out: NodeJS.WritableStream = io.stdout;
    let file: ReturnType<typeof createWriteStream> | undefined;
    if (outPath !== undefined) {
      file = createWriteStream(outPath, { encoding: 'utf8' });
      try {
        await once(file, 'open');
      } catch (error) {
        await write(io.stderr, `export: cannot write ${outPath}: ${(error as Error).message}\n`);
        return EXIT_USAGE;
      }
      out = file;
    }
    const progress = progressBar(io, 'export');
    // An export is evidence: it is written whole, as read, but a tampered ledger does not leave with exit 0.
    const chain = new ChainVerifier(100, { checkPositions: store.positionsAreGapFree ?? true });
    let count = 0;
    for await (const batch of readLog(store, { through: head.position, batchSize: BATCH })) {
      for (const event of batch) chain.add(event);
      await write(out, `${batch.map(formatExportLine).join('\n')}\n`);
      count += batch.length;
      progress.update(count, head.position);
    }
    progress.finish();
    if (file) {
      file.end();
      await once(file, 'finish');
      await write(io.stderr, `export: ${count} events (positions 1…${head.position}) written to ${outPath}\n`);
    }
    const [first] = chain.result().problems;
    if (first !== undefined) {
      await write(io.stderr, `export: the ledger was altered; first bad position ${first.position} (stream ${first.streamId}, revision ${first.streamRevision}): ${first.reason}; ${chain.problems.length} problem(s), see \`ledger verify\`\n`);
      return EXIT_BAD_INPUT;
    }
    return EXIT_OK;
  });
}

export const command: CliCommand = { name: 'export', summary: 'write the whole ledger as NDJSON in position order', usage, run };
