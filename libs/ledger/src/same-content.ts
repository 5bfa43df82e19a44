// Idempotency: an append whose eventId is already stored is answered with the stored event when it says the same
// thing, and refused otherwise. One rule for every store adapter, so a retry means the same everywhere.
import { canonicalJson, utcMillis } from './canonical-json.js';

/** What the client said: everything but what the store assigns (position, revision, recordedAt, hashes). */
export interface EventContent {
  streamId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  actor: unknown;
  evidence: unknown;
  data: unknown;
  unitId: string | null;
}

/** Same content: every field equal as canonical JSON, and occurredAt equal as an instant (its offset may differ). */
export function sameContent(a: EventContent, b: EventContent): boolean {
  return (
    a.streamId === b.streamId &&
    a.type === b.type &&
    a.schemaVersion === b.schemaVersion &&
    a.unitId === b.unitId &&
    sameInstant(a.occurredAt, b.occurredAt) &&
    canonicalJson(a.actor) === canonicalJson(b.actor) &&
    canonicalJson(a.evidence) === canonicalJson(b.evidence) &&
    canonicalJson(a.data) === canonicalJson(b.data)
  );
}

function sameInstant(a: string, b: string): boolean {
  try {
    return utcMillis(a) === utcMillis(b);
  } catch {
    // Not an instant at all: only the same text is the same.
    return a === b;
  }
}
