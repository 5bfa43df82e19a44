// What a record form sends: the event envelope of events.md §1 (the API sets recordedAt and actor).
import type { EvidenceDraft } from './components/EvidenceEditor.vue';
import { api, answer } from './api/client.js';
import type { StoredEvent } from './api/types.js';
import { session } from './session.js';

export function evidenceOf(drafts: EvidenceDraft[]) {
  return drafts.filter((d) => d.ref.trim()).map((d) => ({ kind: d.kind, ref: d.ref.trim(), ...(d.sha256.trim() ? { sha256: d.sha256.trim() } : {}) }));
}

const BEIJING_MS = 8 * 3600_000;

/** Now, or noon of the year's last day when now is past the assessment year (events must fall within it). */
export function defaultOccurredAt(): string {
  const year = session.rulebook!.year;
  const at = Math.min(Math.max(Date.now(), Date.parse(year.from)), Date.parse(year.to) - 12 * 3600_000);
  return new Date(at).toISOString();
}

/** An instant as Beijing wall time "YYYY-MM-DD HH:mm:ss", for pickers that must not follow the browser's zone. */
export function toBeijingWallTime(iso: string): string {
  return new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Beijing wall time "YYYY-MM-DD HH:mm:ss" back to an instant with its offset, as the API takes it. */
export function fromBeijingWallTime(wall: string): string {
  return `${wall.replace(' ', 'T')}+08:00`;
}

export function append(event: { type: string; occurredAt: string; evidence: unknown[]; data: Record<string, unknown> }): Promise<StoredEvent> {
  // The body is the catalogue's envelope; its shape is checked by the API, which answers with the stored event.
  return answer<StoredEvent>(api.POST('/v1/events', { body: { ...(typeof crypto.randomUUID === 'function' ? { eventId: crypto.randomUUID() } : {}), schemaVersion: 1, ...event } as never }));
}
