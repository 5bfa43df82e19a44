// `ledger check-proof FILE --key VERIFIER_KEY`: offline (no database, no server). Exit 0 only if the event's hash,
// its inclusion proof and the checkpoint's signature all check.
import { checkProofBundle, type ProofBundle } from '../../../libs/integrity/src/proof-bundle.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, write, type CliCommand, type CliIo } from '../cli-command.js';
import { CliFailure } from '../cli-context.js';
import { readTextFile, readVerifierKey } from '../integrity/integrity-context.js';

const usage = `Usage: ledger check-proof FILE --key VERIFIER_KEY

Checks a proof bundle of ledger prove offline: recomputes the event's hash from its content, follows its
inclusion proof to the checkpoint's root, and verifies the checkpoint's Ed25519 signature with the verifier key
(the text, or a file holding it). Needs no database and no server. Exit 0 only if everything checks.

Options:
  --key KEY    the verifier key: <name>+<key id>+<base64 key> (ledger signing-key show)
  -h, --help   this text
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'check-proof', usage, argv, { key: { type: 'string' } }, { min: 1, max: 1 });
  if (typeof parsed === 'number') return parsed;
  if (!parsed.values.key) {
    await write(io.stderr, `check-proof: --key is required\n\n${usage}`);
    return EXIT_USAGE;
  }
  try {
    const key = readVerifierKey(parsed.values.key);
    let bundle: ProofBundle;
    try {
      bundle = JSON.parse(readTextFile(parsed.positionals[0], 'FILE')) as ProofBundle;
    } catch (error) {
      if (error instanceof CliFailure) throw error;
      throw new CliFailure(`FILE: not JSON (${(error as Error).message})`, EXIT_BAD_INPUT);
    }
    const result = checkProofBundle(bundle, [key]);
    if (!result.ok) {
      await write(io.stderr, `check-proof: the proof does NOT check:\n${result.problems.map((p) => `  - ${p}\n`).join('')}`);
      return EXIT_BAD_INPUT;
    }
    await write(io.stdout, `ok: event ${bundle.event.eventId} is entry ${bundle.leafIndex} of the log of size ${bundle.treeSize} signed by ${key.name}\n`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CliFailure) {
      await write(io.stderr, `check-proof: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

export const command: CliCommand = { name: 'check-proof', summary: 'check a proof bundle offline against a verifier key', usage, run };
