// What one append to one stream must do, decided from the stream as it was read: return the events already stored
// by an earlier try of the same request (idempotency), refuse a stale expected revision, or hash the new events onto
// the stream's chain. Pure, so the rules are tested without a server; the adapter then appends with the exact
// revision planned here, and EventStoreDB refuses it if anyone wrote in between, so the chain cannot fork.
import type { StoredEvent } from '../../../../events/index.js';
import { ConcurrencyError, IdempotencyConflictError } from '../event-store.errors.js';
import type { EventToAppend, ExpectedRevision } from '../event-store.port.js';
import { chainNext, EMPTY_STREAM, type ChainTail } from '../../../ledger/src/hash-chain.js';
import { sameContent as sameEventContent } from '../../../ledger/src/same-content.js';
import type { PendingEvent, ReadLedgerEvent } from './envelope-mapping.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The event as it will be read back, so the hash computed now is the one recomputed later: EventStoreDB hands ids
 * back in lower case, and JSON drops undefined members and turns -0 into 0. */
function asStored(event: EventToAppend): EventToAppend {
  const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return { ...event, eventId: event.eventId.toLowerCase(), actor: json(event.actor), evidence: json(event.evidence), data: json(event.data) };
}

export interface AppendPlanInput {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: EventToAppend[];
  /** The stream's last event as read just before, if any. */
  tail: ReadLedgerEvent | undefined;
  /** Events already stored, in any stream, under ids of this request (the adapter's id index finds them). */
  stored: ReadLedgerEvent[];
  now: Date;
}

export type AppendPlan =
  | { kind: 'already-stored'; events: StoredEvent[]; lastRevision: number }
  | { kind: 'write'; appendAfter: number | 'no_stream'; events: PendingEvent[] };

export function planAppend(input: AppendPlanInput): AppendPlan {
  const { streamId, expectedRevision } = input;
  const events = input.events.map(asStored);
  const seen = new Set<string>();
  for (const e of events) {
    // Same rules and messages as the PostgreSQL adapter (postgres/append-request.ts).
    if (!UUID.test(e.eventId)) throw new Error(`eventId ${e.eventId} is not a UUID`);
    if (seen.has(e.eventId)) throw new Error(`event ${e.eventId} appears twice in one append`);
    seen.add(e.eventId);
  }

  const storedById = new Map(input.stored.map((s) => [s.event.eventId.toLowerCase(), s]));
  const found = events.map((e) => storedById.get(e.eventId));
  const firstFound = found.find((s) => s !== undefined);
  if (firstFound !== undefined) {
    // An append is atomic, so an earlier try stored all of this request or none: a new event mixed into a retry is
    // another request reusing an id, and storing part of it would break all-or-nothing.
    events.forEach((e, i) => {
      const stored = found[i];
      if (stored === undefined) throw new IdempotencyConflictError(firstFound.event.eventId);
      // An id is the event's identity across the ledger: stored in another stream, it cannot be this event again.
      if (!sameContent({ ...e, streamId }, stored)) throw new IdempotencyConflictError(e.eventId);
    });
    const stored = found as ReadLedgerEvent[];
    return { kind: 'already-stored', events: stored.map((s) => s.event), lastRevision: Math.max(...stored.map((s) => s.event.streamRevision)) };
  }

  const tail = input.tail?.event;
  const actual = tail === undefined ? 'no_stream' : tail.streamRevision;
  if (expectedRevision !== 'any' && expectedRevision !== actual) {
    throw new ConcurrencyError(streamId, expectedRevision, actual);
  }

  // recordedAt never goes backwards within a stream, even when application clocks disagree: knownAt queries and the
  // chain then tell the same order.
  const nowMs = input.now.getTime();
  const recordedMs = tail === undefined ? nowMs : Math.max(nowMs, Date.parse(tail.recordedAt));
  const recordedAt = new Date(recordedMs).toISOString();

  let chain: ChainTail = tail === undefined ? EMPTY_STREAM : { revision: tail.streamRevision, hash: tail.hash };
  const pending = events.map((e): PendingEvent => {
    const { unitId, ...said } = e;
    const event = chainNext(chain, { ...said, streamId, recordedAt });
    chain = { revision: event.streamRevision, hash: event.hash };
    return { ...event, unitId };
  });
  return { kind: 'write', appendAfter: actual, events: pending };
}

/** The same request again (libs/ledger's one rule): what the client sent equals what the stream holds. */
export function sameContent(request: EventToAppend & { streamId: string }, stored: ReadLedgerEvent): boolean {
  return sameEventContent(request, { ...stored.event, unitId: stored.unitId });
}
