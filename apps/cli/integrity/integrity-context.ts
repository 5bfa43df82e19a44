// What the integrity commands share: the tree and checkpoints over an open ledger (no Nest), and the log read
// through the API for `audit --url`.
import { readFileSync } from 'node:fs';
import type { StoredEvent } from '../../../events/index.js';
import { CheckpointService } from '../../../libs/integrity/src/postgres/checkpoints.store.js';
import { MerkleTreeStore } from '../../../libs/integrity/src/postgres/merkle-tree.store.js';
import { NoteError, parseVerifierKey, type VerifierKey } from '../../../libs/integrity/src/signed-note.js';
import { loadSigningKeys, signingKeySettings } from '../../../libs/integrity/src/signing-keys.js';
import { CliFailure, type LedgerContext } from '../cli-context.js';
import { EXIT_BAD_INPUT, EXIT_USAGE } from '../cli-command.js';

export function integrityOf(ledger: LedgerContext): { tree: MerkleTreeStore; checkpoints: CheckpointService } {
  const tree = MerkleTreeStore.forStore(ledger.pool, ledger.store);
  const keys = loadSigningKeys(signingKeySettings(process.env, ledger.config.DATA_DIR));
  return { tree, checkpoints: new CheckpointService(ledger.pool, tree, keys) };
}

export function readVerifierKey(text: string): VerifierKey {
  // A file holding the key, or the key itself.
  let value = text;
  try {
    value = readFileSync(text, 'utf8');
  } catch {
    /* not a file: the key text */
  }
  try {
    return parseVerifierKey(value.trim());
  } catch (error) {
    throw new CliFailure(`--key: ${(error as NoteError).message}`, EXIT_USAGE);
  }
}

export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliFailure(`${what}: cannot read ${path} (${(error as Error).message})`, EXIT_USAGE);
  }
}

/** The log and checkpoints through the API (`--url`): the key comes from LEDGER_API_KEY for the event reads. */
export class HttpLedger {
  constructor(
    private readonly base: string,
    private readonly apiKey: string | undefined,
  ) {}

  private async get(path: string, auth: boolean): Promise<Response> {
    const response = await fetch(new URL(path, this.base), { headers: auth && this.apiKey ? { Authorization: `Bearer ${this.apiKey}` } : {} });
    if (!response.ok) throw new CliFailure(`GET ${path}: ${response.status} ${await response.text()}`, response.status === 401 ? EXIT_USAGE : EXIT_BAD_INPUT);
    return response;
  }

  async checkpoint(): Promise<string> {
    return (await this.get('/v1/checkpoint', false)).text();
  }

  async consistency(from: number, to: number): Promise<string[]> {
    return ((await (await this.get(`/v1/proofs/consistency?from=${from}&to=${to}`, true)).json()) as { hashes: string[] }).hashes;
  }

  async readAll(options: { after: number; limit?: number }): Promise<StoredEvent[]> {
    const page = (await (await this.get(`/v1/events?after=${options.after}&limit=${Math.min(options.limit ?? 1000, 1000)}`, true)).json()) as { events: StoredEvent[] };
    return page.events;
  }
}
