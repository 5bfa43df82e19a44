// `ledger audit --checkpoint OLD --key VK [--url BASE]`: the witness of integrity.md §3.
import { parseCommandArgs } from '../args.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, write, type CliCommand, type CliIo } from '../cli-command.js';
import { CliFailure, withLedger } from '../cli-context.js';
import { audit, type AuditReport, type AuditSource } from '../integrity/audit.js';
import { HttpLedger, integrityOf, readTextFile, readVerifierKey } from '../integrity/integrity-context.js';

const usage = `Usage: ledger audit --checkpoint OLD_FILE --key VERIFIER_KEY [--url BASE_URL] [--json]

The witness: verifies the kept checkpoint's signature, recomputes the tree of the log's first OLD-size events from
their content and compares it with the kept root, then verifies the latest checkpoint and a consistency proof from
the kept one to it. Fails naming the first entry that differs, or the size for a shortened log.
Reads the database (DATABASE_URL or the embedded one), or with --url the API (events read with the API key in
LEDGER_API_KEY).

Options:
  --checkpoint FILE   the checkpoint you kept (ledger checkpoint, or GET /v1/checkpoint)
  --key KEY           the verifier key (text or file)
  --url BASE          the ledger's API instead of its database
  --json              the report as JSON
  -h, --help          this text
`;

async function report(io: CliIo, r: AuditReport, json: boolean): Promise<number> {
  if (json) await write(io.stdout, `${JSON.stringify(r, null, 2)}\n`);
  else if (r.ok) await write(io.stdout, `ok: the log still holds the ${r.old.size} entries of the kept checkpoint, and the latest checkpoint (size ${r.latest?.size}) extends it\n`);
  if (!r.ok) await write(io.stderr, `audit: FAILED\n${r.problems.map((p) => `  - ${p}\n`).join('')}`);
  return r.ok ? EXIT_OK : EXIT_BAD_INPUT;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'audit', usage, argv, { checkpoint: { type: 'string' }, key: { type: 'string' }, url: { type: 'string' }, json: { type: 'boolean' } });
  if (typeof parsed === 'number') return parsed;
  const { checkpoint, key, url, json } = parsed.values;
  if (!checkpoint || !key) {
    await write(io.stderr, `audit: --checkpoint and --key are required\n\n${usage}`);
    return EXIT_USAGE;
  }
  let old: string;
  let verifier;
  try {
    old = readTextFile(checkpoint, '--checkpoint');
    verifier = readVerifierKey(key);
  } catch (error) {
    if (!(error instanceof CliFailure)) throw error;
    await write(io.stderr, `audit: ${error.message}\n`);
    return error.exitCode;
  }
  if (url) {
    try {
      const http = new HttpLedger(url, process.env.LEDGER_API_KEY);
      const source: AuditSource = {
        readAll: (o) => http.readAll(o),
        latestCheckpoint: () => http.checkpoint(),
        consistency: async (from, to) => (await http.consistency(from, to)).map((h) => Buffer.from(h, 'base64')),
      };
      return await report(io, await audit(old, verifier, source), Boolean(json));
    } catch (error) {
      const message = error instanceof CliFailure ? error.message : `${url}: ${(error as Error).message}`;
      await write(io.stderr, `audit: ${message}\n`);
      return error instanceof CliFailure ? error.exitCode : EXIT_USAGE;
    }
  }
  return withLedger(io, 'audit', async (ledger) => {
    const { tree, checkpoints } = integrityOf(ledger);
    const source: AuditSource = {
      readAll: (o) => ledger.store.readAll(o),
      latestCheckpoint: async () => (await checkpoints.latest(0)).note,
      consistency: (from, to) => tree.consistency(from, to),
      storedLeaves: async (from, to) => {
        const { size } = await tree.state();
        return tree.leafHashes(from, Math.min(to, size));
      },
    };
    return report(io, await audit(old, verifier, source), Boolean(json));
  });
}

export const command: CliCommand = { name: 'audit', summary: 'the witness: check a kept checkpoint against the log as it is now', usage, run };
