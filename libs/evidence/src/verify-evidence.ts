// The evidence half of `ledger verify`: every stored file rehashed from its bytes (a chunk altered behind the
// trigger's back shows as a different SHA-256 or size), and every `file` reference of every event resolved.
import { createHash } from 'node:crypto';
import type { StoredEvent } from '../../../events/index.js';
import type { EvidenceStorage } from './evidence-storage.port.js';

export interface EvidenceProblem {
  sha256: string;
  /** The referencing event, for an unresolved reference. */
  position?: number;
  field?: string;
  reason: string;
}

export interface EvidenceReport {
  ok: boolean;
  files: number;
  bytes: number;
  references: number;
  problems: EvidenceProblem[];
}

/** Rehashes every stored file; resolves every `file` reference of the events `log` yields. */
export async function verifyEvidence(storage: EvidenceStorage, log: AsyncIterable<StoredEvent[]>): Promise<EvidenceReport> {
  const problems: EvidenceProblem[] = [];
  const stored = new Set<string>();
  let files = 0;
  let bytes = 0;
  for (let after: string | null = null; ; ) {
    const page = await storage.list(after, 500);
    if (page.length === 0) break;
    for (const file of page) {
      files += 1;
      stored.add(file.sha256);
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of storage.read(file.sha256)) {
        hash.update(chunk);
        size += chunk.length;
      }
      bytes += size;
      const actual = hash.digest('hex');
      if (actual !== file.sha256) problems.push({ sha256: file.sha256, reason: `the stored bytes hash to ${actual}: the file was altered` });
      else if (size !== file.size) problems.push({ sha256: file.sha256, reason: `holds ${size} bytes, ${file.size} were stored` });
    }
    after = page[page.length - 1].sha256;
  }
  let references = 0;
  for await (const batch of log) {
    for (const event of batch) {
      event.evidence.forEach((item, i) => {
        if (item.kind !== 'file' || item.sha256 === undefined) return;
        references += 1;
        if (!stored.has(item.sha256)) {
          problems.push({ sha256: item.sha256, position: event.position, field: `evidence[${i}].sha256`, reason: 'names a file that is not stored' });
        }
      });
    }
  }
  return { ok: problems.length === 0, files, bytes, references, problems };
}
