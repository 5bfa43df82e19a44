// `ledger checkpoint [--out FILE]`: the latest signed checkpoint (integrity.md §2), the tree brought to the head first.
import { writeFileSync } from 'node:fs';
import { parseCommandArgs } from '../args.js';
import { EXIT_OK, write, type CliCommand, type CliIo } from '../cli-command.js';
import { withLedger } from '../cli-context.js';
import { integrityOf } from '../integrity/integrity-context.js';

const usage = `Usage: ledger checkpoint [--out FILE]

Writes the latest checkpoint of the log: a C2SP signed note (origin, size, root hash, time) signed with the key in
SIGNING_KEY_FILE. Keep it with the verifier key (ledger signing-key show) and check the log later with ledger audit.

Options:
  --out FILE   write it to FILE instead of stdout
  -h, --help   this text
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'checkpoint', usage, argv, { out: { type: 'string' } });
  if (typeof parsed === 'number') return parsed;
  return withLedger(io, 'checkpoint', async (ledger) => {
    const { note, size } = await integrityOf(ledger).checkpoints.latest(0);
    if (parsed.values.out) {
      writeFileSync(parsed.values.out, note);
      await write(io.stderr, `checkpoint of size ${size} written to ${parsed.values.out}\n`);
    } else await write(io.stdout, note);
    return EXIT_OK;
  });
}

export const command: CliCommand = { name: 'checkpoint', summary: 'write the latest signed checkpoint of the log', usage, run };
