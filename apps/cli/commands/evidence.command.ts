// `ledger evidence orphans [--json]`: uploaded files no event references. They are kept (a later event may still
// name them; storage is append-only), and listed here so someone can decide whether they were forgotten.
import { PostgresEvidenceStorage } from '../../../libs/evidence/src/postgres-evidence-storage.js';
import { readLog } from '../../../libs/event-store/src/read-log.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_OK, EXIT_USAGE, write, type CliCommand, type CliIo } from '../cli-command.js';
import { withLedger } from '../cli-context.js';
import { findOrphans } from '../evidence/evidence-dir.js';

const usage = `Usage: ledger evidence orphans [--json]

Lists the uploaded evidence files (POST /v1/evidence) that no event of the ledger references, one a line:
<sha256>  <size> bytes  <media type>  <file name>. Read from the event log itself, so it is exact whether or not
the API is running.

Options:
  --json       print [{ sha256, size, mediaType, fileName }] instead
  -h, --help   this text
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'evidence', usage, argv, { json: { type: 'boolean' } }, { min: 1, max: 1 });
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals[0] !== 'orphans') {
    await write(io.stderr, `evidence: unknown sub-command "${parsed.positionals[0]}"\n\n${usage}`);
    return EXIT_USAGE;
  }
  return withLedger(io, 'evidence', async ({ store, pool }) => {
    const head = await store.head();
    const orphans = await findOrphans(new PostgresEvidenceStorage(pool), readLog(store, { through: head.position }));
    if (parsed.values.json === true) await write(io.stdout, `${JSON.stringify(orphans, null, 2)}\n`);
    else await write(io.stdout, orphans.map((f) => `${f.sha256}  ${f.size} bytes  ${f.mediaType}  ${f.fileName}\n`).join(''));
    await write(io.stderr, `evidence: ${orphans.length} file(s) uploaded but referenced by no event\n`);
    return EXIT_OK;
  });
}

export const command: CliCommand = { name: 'evidence', summary: 'list uploaded evidence files no event references (orphans)', usage, run };
