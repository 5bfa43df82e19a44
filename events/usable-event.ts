// Whether a stored event can be read by the evaluator and the read models. Every event appended by this version is
// (validateNewEvent and decide use the same strict parser), but an older version stored some with dates the strict
// parser refuses (e.g. "2017-06-30T24:00:00+08:00", "2017-02-30…", offset "+16:00"). Events are never deleted, so
// readers skip such an event and name it (ledger verify, GET /v1/verify, /health) instead of failing on it.
import { INSTANT_REASON, tryParseInstant } from './instant.js';

export interface UnusableEvent {
  position?: number;
  eventId: string;
  type: string;
  /** The field and why, e.g. `occurredAt "2017-06-30T24:00:00+08:00" must be …`. */
  reason: string;
}

/** Why the evaluator and the read models cannot use this event, or undefined when they can. */
export function unusableEventReason(event: { occurredAt: unknown; recordedAt?: unknown }): string | undefined {
  if (tryParseInstant(event.occurredAt) === undefined) return `occurredAt ${quote(event.occurredAt)} ${INSTANT_REASON}`;
  if (event.recordedAt !== undefined && tryParseInstant(event.recordedAt) === undefined) return `recordedAt ${quote(event.recordedAt)} ${INSTANT_REASON}`;
  return undefined;
}

function quote(value: unknown): string {
  return JSON.stringify(typeof value === 'string' ? value.slice(0, 64) : String(value));
}
