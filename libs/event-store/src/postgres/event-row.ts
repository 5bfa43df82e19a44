// How an events row becomes the envelope of spec/events.md §1.
import type { Actor, Evidence, StoredEvent } from '../../../../events/index.js';

/** recordedAt leaves the database as text, so no driver type parser or session time zone can shift it. */
export const ISO_UTC_MILLIS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

export const EVENT_COLUMNS = `position, event_id, stream_id, stream_revision, type, schema_version, occurred_at_text,
  to_char(recorded_at AT TIME ZONE 'UTC', ${ISO_UTC_MILLIS}) AS recorded_at, actor, evidence, data, unit_id, hash, prev_hash`;

export interface EventRow {
  position: string;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  type: string;
  schema_version: number;
  occurred_at_text: string;
  recorded_at: string;
  actor: Actor;
  evidence: Evidence[];
  data: Record<string, unknown>;
  unit_id: string | null;
  hash: string;
  prev_hash: string;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    occurredAt: row.occurred_at_text,
    recordedAt: row.recorded_at,
    actor: row.actor,
    evidence: row.evidence,
    data: row.data,
    // bigint arrives as a string; positions stay far below 2^53.
    position: Number(row.position),
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}
