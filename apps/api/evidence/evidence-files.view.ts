// What the trail, the timeline and the scores show of an event's evidence: each `file` entry with the name, size
// and media type of the uploaded file it names, so a reader knows what a download will give before asking for it.
import type { Evidence } from '../../../events/index.js';
import type { EvidenceStorage, StoredFile } from '../../../libs/evidence/src/evidence-storage.port.js';

export type EvidenceView = Evidence & { file?: { fileName: string; size: number; mediaType: string } };

async function describeFiles(storage: EvidenceStorage, evidence: readonly (readonly Evidence[])[]): Promise<Map<string, StoredFile>> {
  const hashes = new Set<string>();
  for (const list of evidence) for (const e of list) if (e.kind === 'file' && e.sha256) hashes.add(e.sha256);
  return storage.findMany([...hashes]);
}

function view(evidence: readonly Evidence[], files: Map<string, StoredFile>): EvidenceView[] {
  return evidence.map((e) => {
    const file = e.kind === 'file' && e.sha256 ? files.get(e.sha256) : undefined;
    return file ? { ...e, file: { fileName: file.fileName, size: file.size, mediaType: file.mediaType } } : e;
  });
}

/** The events with their file evidence described; events without file evidence are returned as they are. */
export async function withEvidenceFiles<T extends { evidence: Evidence[] }>(storage: EvidenceStorage, events: T[]): Promise<T[]> {
  if (!events.some((e) => e.evidence.some((x) => x.kind === 'file'))) return events;
  const files = await describeFiles(storage, events.map((e) => e.evidence));
  return events.map((e) => (e.evidence.some((x) => x.kind === 'file') ? { ...e, evidence: view(e.evidence, files) } : e));
}

/** Per event id, its evidence described (for documents that name events by id: timeline steps, score traces). */
export async function evidenceByEventId(storage: EvidenceStorage, events: readonly { eventId: string; evidence: Evidence[] }[]): Promise<Map<string, EvidenceView[]>> {
  const files = await describeFiles(storage, events.map((e) => e.evidence));
  return new Map(events.map((e) => [e.eventId, view(e.evidence, files)]));
}
