// `ledger signing-key show | rotate`: the checkpoint signing key (integrity.md §2). The key file never leaves the
// machine; `show` prints only verifier keys.
import { formatVerifierKey } from '../../../libs/integrity/src/signed-note.js';
import { loadSigningKeys, rotateSigningKey, signingKeySettings } from '../../../libs/integrity/src/signing-keys.js';
import { loadConfig } from '../../../libs/application/src/app.config.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_OK, EXIT_USAGE, write, type CliCommand, type CliIo } from '../cli-command.js';

const usage = `Usage: ledger signing-key show [--all]
       ledger signing-key rotate

show     prints the verifier key of the current signing key (the last line); --all adds the retired ones first.
         The key is created (mode 0600) when absent: SIGNING_KEY_FILE, default DATA_DIR/signing-key.pem.
rotate   retires the current key (its verifier key stays published, so checkpoints it signed still verify) and
         creates a new one. Restart the API afterwards.
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'signing-key', usage, argv, { all: { type: 'boolean' } }, { min: 1, max: 1 });
  if (typeof parsed === 'number') return parsed;
  const settings = signingKeySettings(process.env, loadConfig(process.env).DATA_DIR);
  const action = parsed.positionals[0];
  if (action === 'show') {
    const keys = loadSigningKeys(settings);
    const lines = [...(parsed.values.all ? keys.retired.map((k) => `${formatVerifierKey(k)}  (retired)`) : []), formatVerifierKey(keys.current)];
    await write(io.stdout, `${lines.join('\n')}\n`);
    return EXIT_OK;
  }
  if (action === 'rotate') {
    const keys = rotateSigningKey(settings);
    await write(io.stderr, `new signing key in ${keys.keyFile}; the old verifier key is kept in ${keys.keyFile}.retired\n`);
    await write(io.stdout, `${formatVerifierKey(keys.current)}\n`);
    return EXIT_OK;
  }
  await write(io.stderr, `signing-key: unknown action "${action}"\n\n${usage}`);
  return EXIT_USAGE;
}

export const command: CliCommand = { name: 'signing-key', summary: 'show or rotate the checkpoint signing key (prints verifier keys only)', usage, run };
