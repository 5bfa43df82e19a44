// Group commit, the deciding half (docs/adr/0001): given the calls of one batch in queue order, the locked state of
// their streams, the already stored events with any of their ids, and the position and recordedAt allocated under
// the head lock, decides each call on its own as the single-call path would, against the state as it stands after
// the earlier calls of the same batch. Pure: no SQL, no clock.
import type { StoredEvent } from '../../../../events/index.js';
import { chainNext } from '../../../ledger/src/hash-chain.js';
import { ConcurrencyError, IdempotencyConflictError } from '../event-store.errors.js';
import type { AppendResult } from '../event-store.port.js';
import type { Outcome } from './append-queue.js';
import type { AppendRequest } from './append-request.js';
import { sameContent } from '../../../ledger/src/same-content.js';

export interface StreamState {
  /** The revision of the stream's last event; -1 for a stream with no event (or no row) yet. */
  revision: number;
  /** The hash of its last event (GENESIS_HASH for an empty stream). */
  lastHash: string;
}

/** A stored event with the unit it is about, as idempotency compares it. */
export interface KnownEvent {
  event: StoredEvent;
  unitId: string | null;
}

/** A new event to insert, with what its row needs beyond the envelope. */
export interface NewEvent {
  event: StoredEvent;
  occurredAtUtc: string;
  unitId: string | null;
}

export interface BatchInput {
  calls: AppendRequest[];
  /** Every stream named by any call, as locked. */
  streams: ReadonlyMap<string, StreamState>;
  /** Stored events whose id some call names, by id. */
  stored: ReadonlyMap<string, KnownEvent>;
  /** The ledger position before the batch. */
  position: number;
  recordedAt: string;
}

export interface BatchPlan {
  /** One per call, in order. */
  outcomes: Outcome<AppendResult>[];
  /** The events to insert, in position order: position + 1, position + 2, … */
  events: NewEvent[];
  /** The new state of every stream the batch appends to. */
  heads: Map<string, StreamState>;
}

export function planBatch(input: BatchInput): BatchPlan {
  const streams = new Map<string, StreamState>();
  const stateOf = (streamId: string): StreamState => {
    const state = streams.get(streamId) ?? input.streams.get(streamId);
    if (!state) throw new Error(`stream ${streamId} was not locked for the batch`);
    return state;
  };
  const known = new Map(input.stored);
  const events: NewEvent[] = [];
  const outcomes = input.calls.map((call): Outcome<AppendResult> => {
    try {
      const twin = storedAnswer(call, known);
      if (twin) return { ok: true, value: twin };
      const nextRevisions: Record<string, number> = {};
      for (const s of call.streams) {
        const current = stateOf(s.streamId);
        const actual = current.revision < 0 ? 'no_stream' : current.revision;
        const want = s.expectedRevision;
        const ok = want === 'any' || (want === 'no_stream' ? actual === 'no_stream' : actual === want);
        if (!ok) throw new ConcurrencyError(s.streamId, want, actual);
        nextRevisions[s.streamId] = current.revision + s.count;
      }
      // Passed: store it. Only now does the batch state move, so a refused call leaves no trace.
      const stored = call.events.map((e) => {
        const stream = stateOf(e.streamId);
        const event: StoredEvent = chainNext(
          { revision: stream.revision, hash: stream.lastHash },
          {
            eventId: e.eventId,
            type: e.type,
            schemaVersion: e.schemaVersion,
            occurredAt: e.occurredAt,
            recordedAt: input.recordedAt,
            actor: e.actor,
            evidence: e.evidence,
            data: e.data,
            position: input.position + events.length + 1,
            streamId: e.streamId,
          },
        );
        streams.set(e.streamId, { revision: event.streamRevision, lastHash: event.hash });
        events.push({ event, occurredAtUtc: e.occurredAtUtc, unitId: e.unitId });
        known.set(e.eventId, { event, unitId: e.unitId });
        return event;
      });
      return { ok: true, value: { events: stored, nextRevisions } };
    } catch (error) {
      return { ok: false, error };
    }
  });
  return { outcomes, events, heads: streams };
}

/**
 * Idempotency, decided before revisions (as in the single-call path): none of the call's ids known → undefined;
 * all known with the same content → the stored envelopes; anything else → IdempotencyConflictError.
 */
export function storedAnswer(call: AppendRequest, known: ReadonlyMap<string, KnownEvent>): AppendResult | undefined {
  const firstKnown = call.events.find((e) => known.has(e.eventId));
  if (!firstKnown) return undefined;
  const events: StoredEvent[] = [];
  for (const wanted of call.events) {
    const twin = known.get(wanted.eventId);
    // A new event mixed into a retry: storing part of the call would break all-or-nothing, so refuse it all.
    if (!twin) throw new IdempotencyConflictError(firstKnown.eventId);
    if (!sameContent(wanted, { ...twin.event, unitId: twin.unitId })) throw new IdempotencyConflictError(wanted.eventId);
    events.push(twin.event);
  }
  const nextRevisions: Record<string, number> = {};
  for (const e of events) nextRevisions[e.streamId] = Math.max(nextRevisions[e.streamId] ?? -1, e.streamRevision);
  return { events, nextRevisions };
}
