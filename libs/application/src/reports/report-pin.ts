// What a report is computed from: a valid time, a system time and the ledger head at which the log is read.
// Everything a report prints derives from these and the events up to the head, never from the clock, so the same
// pin gives the same bytes.
import type { StoredEvent } from '../../../../events/index.js';
import type { EventStore } from '../../../event-store/src/event-store.port.js';
import { formatInstant, parseInstant, type Rulebook } from '../../../rulebook/src/index.js';

export interface ReportPin {
  asOf: string;
  knownAt: string;
  /** The head the log is read up to (inclusive) and the hash of the event there. */
  position: number;
  hash: string;
  /** The recordedAt of the event at `position`: when the report's data was fixed. */
  headRecordedAt: string;
}

/** A refusal the transports map to their own errors (HTTP 404 / CLI exit 1). */
export class ReportNotFound extends Error {
  override readonly name = 'ReportNotFound';
}

export const normalise = (instant: string, rulebook: Rulebook): string => formatInstant(parseInstant(instant), rulebook.utcOffsetMinutes);

/** The event at `position` (the head): the first event after position − 1, whatever gaps the store's positions have. */
export async function eventAt(store: EventStore, position: number): Promise<StoredEvent | undefined> {
  const [event] = await store.readAll({ after: position - 1, limit: 1 });
  return event?.position === position ? event : undefined;
}

/**
 * Pins the current head. asOf defaults to the end of the assessment year; knownAt to the head's recordedAt, which
 * knows everything up to the head (as GET /v1/scores, whose knownAt defaults to now, does at the same moment).
 */
export async function pinHead(store: EventStore, rulebook: Rulebook, query: { asOf?: string; knownAt?: string }): Promise<ReportPin> {
  const head = await store.head();
  const event = head.position > 0 ? await eventAt(store, head.position) : undefined;
  if (!event) throw new ReportNotFound('ledger: nothing to report, the ledger is empty');
  return {
    asOf: normalise(query.asOf ?? rulebook.year.to, rulebook),
    knownAt: normalise(query.knownAt ?? event.recordedAt, rulebook),
    position: event.position,
    hash: event.hash,
    headRecordedAt: normalise(event.recordedAt, rulebook),
  };
}
