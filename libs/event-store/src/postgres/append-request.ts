// Checks and normalizes an append before any database work, and decides whether a retry matches what is stored.
import { utcMillis } from '../../../ledger/src/canonical-json.js';
import type { EventToAppend, ExpectedRevision, StreamAppend } from '../event-store.port.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PlannedEvent extends EventToAppend {
  streamId: string;
  /** The UTC instant of occurredAt, as the hash and the occurred_at column hold it. */
  occurredAtUtc: string;
}

export interface AppendRequest {
  streams: { streamId: string; expectedRevision: ExpectedRevision; count: number }[];
  /** Every event in the order given, with its stream. */
  events: PlannedEvent[];
}

/** JSON as it comes back out of jsonb, so the hash computed now matches the one recomputed from a read. */
function asStoredJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function planAppend(appends: StreamAppend[]): AppendRequest {
  const streamIds = new Set<string>();
  const eventIds = new Set<string>();
  const events: PlannedEvent[] = [];
  for (const append of appends) {
    if (typeof append.streamId !== 'string' || append.streamId.length === 0) throw new Error('streamId must be a non-empty string');
    if (streamIds.has(append.streamId)) throw new Error(`stream ${append.streamId} appears twice in one append`);
    streamIds.add(append.streamId);
    const expected = append.expectedRevision;
    if (!(expected === 'any' || expected === 'no_stream' || (Number.isInteger(expected) && expected >= 0))) {
      throw new Error(`expectedRevision of stream ${append.streamId} must be a revision >= 0, 'no_stream' or 'any'`);
    }
    for (const event of append.events) {
      if (!UUID.test(event.eventId)) throw new Error(`eventId ${event.eventId} is not a UUID`);
      // PostgreSQL prints uuids in lower case; the hash must cover the id as it will be read back.
      const eventId = event.eventId.toLowerCase();
      if (eventIds.has(eventId)) throw new Error(`event ${eventId} appears twice in one append`);
      eventIds.add(eventId);
      events.push({
        eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        occurredAt: event.occurredAt,
        occurredAtUtc: utcMillis(event.occurredAt),
        actor: asStoredJson(event.actor),
        evidence: asStoredJson(event.evidence),
        data: asStoredJson(event.data),
        unitId: event.unitId,
        streamId: append.streamId,
      });
    }
  }
  return {
    streams: appends.map((a) => ({ streamId: a.streamId, expectedRevision: a.expectedRevision, count: a.events.length })),
    events,
  };
}
