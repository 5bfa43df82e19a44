// `GET /v1/scores?withEvidence=true`: beside the scores JSON (unchanged, so its digest and its identity with
// `ledger evaluate` hold), the evidence of every event its traces name, files described by name, size and type.
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { EvidenceStorage } from '../../../libs/evidence/src/evidence-storage.port.js';
import type { ScoresDocument } from '../../../libs/rulebook/src/index.js';
import { evidenceByEventId, type EvidenceView } from './evidence-files.view.js';

export function traceEventIds(document: ScoresDocument): string[] {
  const ids = new Set<string>();
  for (const unit of document.units) for (const indicator of Object.values(unit.indicators)) for (const entry of indicator.trace) for (const id of entry.eventIds) ids.add(id);
  return [...ids];
}

export async function withScoresEvidence(
  document: ScoresDocument,
  store: EventStore,
  storage: EvidenceStorage,
): Promise<ScoresDocument & { evidence: Record<string, EvidenceView[]> }> {
  const events = await store.findByIds(traceEventIds(document));
  const byId = await evidenceByEventId(storage, events);
  return { ...document, evidence: Object.fromEntries(byId) };
}
