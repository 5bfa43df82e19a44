// Pure: the file references an event contributes (one row per distinct uploaded file its evidence names).
import type { StoredEvent } from '../../events/index.js';

export interface FileRefRow {
  sha256: string;
  eventId: string;
  position: number;
  /** The unit the event is about; null for assessment-level events. */
  unitId: string | null;
}

export function fileRefsOf(event: StoredEvent): FileRefRow[] {
  const unitId = event.type === 'AssessmentOpened' || event.type === 'ResultsPublished' || typeof event.data.unitId !== 'string' ? null : event.data.unitId;
  const hashes = new Set(event.evidence.filter((e) => e.kind === 'file' && typeof e.sha256 === 'string').map((e) => e.sha256!));
  return [...hashes].map((sha256) => ({ sha256, eventId: event.eventId, position: event.position, unitId }));
}
