// `ledger prove --event ID [--out FILE]`: a self-contained proof bundle (integrity.md §3) for check-proof.
import { writeFileSync } from 'node:fs';
import { PROOF_BUNDLE_FORMAT, type ProofBundle } from '../../../libs/integrity/src/proof-bundle.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, write, type CliCommand, type CliIo } from '../cli-command.js';
import { CliFailure, withLedger } from '../cli-context.js';
import { integrityOf } from '../integrity/integrity-context.js';

const usage = `Usage: ledger prove --event ID [--out FILE]

Writes a proof bundle for one event: the event (its canonical JSON is what its hash covers), its RFC 9162
inclusion proof and the signed checkpoint it is proven against. Anyone can check it offline with
ledger check-proof FILE --key VERIFIER_KEY.

Options:
  --event ID   the event id (UUID)
  --out FILE   write it to FILE instead of stdout
  -h, --help   this text
`;

const b64 = (h: Buffer) => h.toString('base64');

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'prove', usage, argv, { event: { type: 'string' }, out: { type: 'string' } });
  if (typeof parsed === 'number') return parsed;
  const eventId = parsed.values.event?.toLowerCase();
  if (!eventId || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(eventId)) {
    await write(io.stderr, `prove: --event must be an event id (UUID)\n\n${usage}`);
    return EXIT_USAGE;
  }
  return withLedger(io, 'prove', async (ledger) => {
    const { tree, checkpoints } = integrityOf(ledger);
    const [event] = await ledger.store.findByIds([eventId]);
    if (!event) throw new CliFailure(`no event ${eventId}`, EXIT_BAD_INPUT);
    const checkpoint = await checkpoints.latest(0);
    const leafIndex = await tree.leafIndexOf(event.position);
    if (leafIndex === undefined || leafIndex >= checkpoint.size) throw new CliFailure(`event ${eventId} is not in the tree yet`, EXIT_BAD_INPUT);
    const hashes = await tree.inclusion(leafIndex, checkpoint.size);
    const leaf = await tree.leafHashes(leafIndex, leafIndex + 1);
    const bundle: ProofBundle = { format: PROOF_BUNDLE_FORMAT, event, leafIndex, treeSize: checkpoint.size, leafHash: b64(leaf[0]), hashes: hashes.map(b64), checkpoint: checkpoint.note };
    const text = `${JSON.stringify(bundle, null, 2)}\n`;
    if (parsed.values.out) {
      writeFileSync(parsed.values.out, text);
      await write(io.stderr, `proof of entry ${leafIndex} in the tree of size ${checkpoint.size} written to ${parsed.values.out}\n`);
    } else await write(io.stdout, text);
    return EXIT_OK;
  });
}

export const command: CliCommand = { name: 'prove', summary: 'write a self-contained inclusion proof bundle for one event', usage, run };
