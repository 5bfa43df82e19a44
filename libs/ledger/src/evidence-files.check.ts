// Pure: every `file` entry of an append's evidence must name a file the appending actor may use — one its unit
// uploaded or one it may already read. The caller looks those hashes up (fileHashesOf → storage) and passes the
// answer in as data. A hash that exists but is not the actor's to use is refused with the same words as one that
// does not exist: the refusal must not reveal that someone else uploaded it.
import type { NewEvent } from '../../../events/index.js';

export interface EvidenceFileProblem {
  index: number;
  field: string;
  reason: string;
}

/** The distinct hashes the batch's `file` evidence names. */
export function fileHashesOf(events: readonly NewEvent[]): string[] {
  const hashes = new Set<string>();
  for (const event of events) for (const item of event.evidence) if (item.kind === 'file' && item.sha256 !== undefined) hashes.add(item.sha256);
  return [...hashes];
}

export function checkEvidenceFiles(events: readonly NewEvent[], usable: ReadonlySet<string>): EvidenceFileProblem[] {
  return events.flatMap((event, index) =>
    event.evidence.flatMap((item, i) =>
      item.kind === 'file' && item.sha256 !== undefined && !usable.has(item.sha256)
        ? [{ index, field: `evidence[${i}].sha256`, reason: `no uploaded file ${item.sha256} that you may use: upload it first with POST /v1/evidence` }]
        : [],
    ),
  );
}
