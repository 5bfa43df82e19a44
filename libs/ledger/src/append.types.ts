// What decide hands to the event store. Defined here, inward of the store, so the store's port depends on the
// ledger and never the reverse.
import type { Actor, Evidence } from '../../../events/index.js';

/** Exact revision (0-based, the revision of the stream's last event), no stream yet, or any. */
export type ExpectedRevision = number | 'no_stream' | 'any';

/** An event ready for the store: validated and decided; the store adds position, revision, recordedAt and hashes. */
export interface EventToAppend {
  eventId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  actor: Actor;
  evidence: Evidence[];
  data: Record<string, unknown>;
  /** The assessed unit the event is about, for `readUnit` (null for assessment-level events). */
  unitId: string | null;
}

export interface StreamAppend {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: EventToAppend[];
}
