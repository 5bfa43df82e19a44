// The witness (integrity.md §3): checks a kept checkpoint against the log as it is now, hashing the log's first
// OLD-size entries from their content, then checks the latest checkpoint and a consistency proof to it.
import type { StoredEvent } from '../../../events/index.js';
import { verifyConsistency, type Hash } from '../../../libs/integrity/src/merkle.js';
import { recomputeRoot } from '../../../libs/integrity/src/recompute-root.js';
import { NoteError, openCheckpoint, type Checkpoint, type VerifierKey } from '../../../libs/integrity/src/signed-note.js';

export interface AuditSource {
  readAll(options: { after: number; limit?: number }): Promise<StoredEvent[]>;
  latestCheckpoint(): Promise<string>;
  consistency(from: number, to: number): Promise<Hash[]>;
  /** The leaf hashes the stored tree recorded at append time (database mode only), to name the changed entry. */
  storedLeaves?(from: number, to: number): Promise<Hash[]>;
}

export interface AuditReport {
  ok: boolean;
  old: { size: number; root: string };
  latest?: { size: number; root: string };
  problems: string[];
}

const b64 = (h: Buffer) => h.toString('base64');

export async function audit(oldNote: string, key: VerifierKey, source: AuditSource): Promise<AuditReport> {
  let old: Checkpoint;
  try {
    old = openCheckpoint(oldNote, [key]);
  } catch (error) {
    return { ok: false, old: { size: 0, root: '' }, problems: [`the kept checkpoint: ${(error as NoteError).message}`] };
  }
  const report: AuditReport = { ok: true, old: { size: old.size, root: b64(old.rootHash) }, problems: [] };
  const leaves: { leaf: Hash; event: StoredEvent }[] = [];
  const { root, size } = await recomputeRoot(source, old.size, (_i, leaf, event) => leaves.push({ leaf, event }));
  if (size < old.size) {
    report.problems.push(`the log has ${size} entries, fewer than the ${old.size} of the kept checkpoint: entries ${size}–${old.size - 1} are gone`);
  } else if (!root.equals(old.rootHash)) {
    report.problems.push(`the log's first ${old.size} entries, hashed from their content, give root ${b64(root)}, not the kept checkpoint's ${b64(old.rootHash)}`);
    const changed = await firstChanged(leaves, source);
    if (changed) report.problems.push(changed);
  }
  if (report.problems.length > 0) return { ...report, ok: false };

  let latest: Checkpoint;
  try {
    latest = openCheckpoint(await source.latestCheckpoint(), [key]);
  } catch (error) {
    return { ...report, ok: false, problems: [`the latest checkpoint: ${(error as Error).message}`] };
  }
  report.latest = { size: latest.size, root: b64(latest.rootHash) };
  if (latest.origin !== old.origin) report.problems.push(`the latest checkpoint is of log "${latest.origin}", not "${old.origin}"`);
  if (latest.size < old.size) report.problems.push(`the latest checkpoint has size ${latest.size}, smaller than the kept ${old.size}: the log was cut`);
  else {
    const proof = await source.consistency(old.size, latest.size);
    if (!verifyConsistency(old.size, latest.size, old.rootHash, latest.rootHash, proof)) {
      report.problems.push(`no valid consistency proof from size ${old.size} to the latest ${latest.size}: the latest tree does not extend the kept one`);
    }
  }
  return { ...report, ok: report.problems.length === 0 };
}

/** Names the first entry whose content no longer gives the leaf the tree recorded when it was appended. */
async function firstChanged(leaves: { leaf: Hash; event: StoredEvent }[], source: AuditSource): Promise<string | undefined> {
  if (!source.storedLeaves || leaves.length === 0) return undefined;
  const stored = await source.storedLeaves(0, leaves.length);
  const i = leaves.findIndex((l, j) => !stored[j] || !l.leaf.equals(stored[j]));
  if (i < 0) return 'the stored tree was rewritten as well: the changed entry cannot be named from it';
  const e = leaves[i].event;
  return `first differing entry: ${i} (position ${e.position}, event ${e.eventId}, ${e.type} in stream ${e.streamId} revision ${e.streamRevision})`;
}
