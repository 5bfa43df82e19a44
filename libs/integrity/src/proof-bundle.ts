// The self-contained proof bundle of `ledger prove` / `ledger check-proof` (integrity.md §3): one event, its
// inclusion proof and the signed checkpoint it is proven against. Checking needs nothing else: no database, no server.
import type { StoredEvent } from '../../../events/index.js';
import { eventHash } from '../../ledger/src/hash-chain.js';
import { leafHash, verifyInclusion } from './merkle.js';
import { NoteError, openCheckpoint, type VerifierKey } from './signed-note.js';

export const PROOF_BUNDLE_FORMAT = 'performance-ledger/proof-bundle/v1';

export interface ProofBundle {
  format: typeof PROOF_BUNDLE_FORMAT;
  /** The stored envelope; its canonical JSON (events.md §4) is what its hash covers. */
  event: StoredEvent;
  leafIndex: number;
  treeSize: number;
  /** base64 of SHA-256(0x00 ‖ the 32 bytes of the event hash). */
  leafHash: string;
  /** The inclusion path, base64, leaf to root. */
  hashes: string[];
  /** The signed checkpoint (a C2SP signed note) of size treeSize. */
  checkpoint: string;
}

export interface BundleCheck {
  ok: boolean;
  problems: string[];
}

export function eventLeafHash(eventHashHex: string): Buffer {
  return leafHash(Buffer.from(eventHashHex, 'hex'));
}

/** Every check of check-proof, each failure named: the event's own hash, the leaf, the path, the signature. */
export function checkProofBundle(bundle: ProofBundle, verifiers: readonly VerifierKey[]): BundleCheck {
  const problems: string[] = [];
  if (bundle?.format !== PROOF_BUNDLE_FORMAT) return { ok: false, problems: [`format: not a ${PROOF_BUNDLE_FORMAT} bundle`] };
  let root: Buffer | undefined;
  try {
    const checkpoint = openCheckpoint(bundle.checkpoint, verifiers);
    if (checkpoint.size !== bundle.treeSize) problems.push(`treeSize: the bundle says ${bundle.treeSize}, its checkpoint ${checkpoint.size}`);
    root = checkpoint.rootHash;
  } catch (error) {
    problems.push(`checkpoint: ${error instanceof NoteError ? error.message : String(error)}`);
  }
  const event = bundle.event;
  let recomputed: string | undefined;
  try {
    recomputed = eventHash(event.prevHash, event);
  } catch (error) {
    problems.push(`event: cannot be hashed (${(error as Error).message})`);
  }
  if (recomputed !== undefined && recomputed !== event.hash) problems.push('event: its content does not give its hash (the event was changed)');
  const leaf = recomputed ? eventLeafHash(recomputed) : undefined;
  if (leaf && leaf.toString('base64') !== bundle.leafHash) problems.push('leafHash: not the leaf hash of the event');
  if (leaf && root) {
    const path = (bundle.hashes ?? []).map((h) => Buffer.from(h, 'base64'));
    if (!verifyInclusion(bundle.leafIndex, bundle.treeSize, leaf, path, root)) {
      problems.push(`inclusion: the path does not lead from entry ${bundle.leafIndex} to the checkpoint's root of size ${bundle.treeSize}`);
    }
  }
  return { ok: problems.length === 0, problems };
}
