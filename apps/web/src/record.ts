// What a record form sends: the event envelope of events.md §1 (the API sets recordedAt and actor).
import type { EvidenceDraft } from './components/EvidenceEditor.vue';
import { api, answer } from './api/client.js';
import type { StoredEvent } from './api/types.js';
import { session } from './session.js';

export function evidenceOf(drafts: EvidenceDraft[]) {
  return drafts.filter((d) => d.ref.trim()).map((d) => ({ kind: d.kind, ref: d.ref.trim(), ...(d.sha256.trim() ? { sha256: d.sha256.trim() } : {}) }));
}

/** Now, or the year end when now is past the assessment year (events must fall within it). */
export function defaultOccurredAt(): string {
  const year = session.rulebook!.year;
  const now = Date.now();
  return new Date(Math.min(Math.max(now, Date.parse(year.from)), Date.parse(year.to) - 12 * 3600_000)).toISOString();
}

export function append(event: { type: string; occurredAt: string; evidence: unknown[]; data: Record<string, unknown> }): Promise<StoredEvent> {
  // The body is the catalogue's envelope; its shape is checked by the API, which answers with the stored event.
  return answer<StoredEvent>(api.POST('/v1/events', { body: { ...(typeof crypto.randomUUID === 'function' ? { eventId: crypto.randomUUID() } : {}), schemaVersion: 1, ...event } as never }));
}
