// The per-stream hash chain of spec/events.md §4. Pure: node:crypto only.
import { createHash } from 'node:crypto';
import type { StoredEvent } from '../../../events/index.js';
import { canonicalJson, utcMillis } from './canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

export type HashedFields = Pick<
  StoredEvent,
  'eventId' | 'type' | 'schemaVersion' | 'streamId' | 'streamRevision' | 'occurredAt' | 'recordedAt' | 'actor' | 'evidence' | 'data'
>;

export function canonicalEvent(event: HashedFields): string {
  // Built in sorted key order, so canonicalJson finds the top level in order and skips sorting it.
  return canonicalJson({
    actor: event.actor,
    data: event.data,
    eventId: event.eventId,
    evidence: event.evidence,
    occurredAt: utcMillis(event.occurredAt),
    recordedAt: utcMillis(event.recordedAt),
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    type: event.type,
  });
}

/** hash = SHA-256(prevHash ‖ canonical JSON), prevHash as its 64 hex characters. */
export function eventHash(prevHash: string, event: HashedFields): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalEvent(event), 'utf8').digest('hex');
}

/** Where a stream's chain stands: its last revision (-1 before its first event) and that event's hash. */
export interface ChainTail {
  revision: number;
  hash: string;
}

export const EMPTY_STREAM: ChainTail = { revision: -1, hash: GENESIS_HASH };

/**
 * Links the next event of a stream onto its chain: the revision after the tail, prevHash = the tail's hash, and the
 * event's hash. The one linking rule every store adapter uses; the caller moves its tail to the result.
 */
export function chainNext<T extends Omit<HashedFields, 'streamRevision'>>(
  tail: ChainTail,
  fields: T,
): T & { streamRevision: number; prevHash: string; hash: string } {
  const linked = { ...fields, streamRevision: tail.revision + 1, prevHash: tail.hash };
  return { ...linked, hash: eventHash(tail.hash, linked) };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface ChainProblem {
  position: number;
  streamId: string;
  streamRevision: number;
  reason: string;
}

export interface ChainReport {
  ok: boolean;
  events: number;
  streams: number;
  head: number;
  problems: ChainProblem[];
}

/**
 * Checks events given in position order: positions gap-free from 1, revisions contiguous per stream from 0,
 * prevHash linking to the stream's previous hash, and each hash recomputed. Stops collecting after `maxProblems`.
 */
export class ChainVerifier {
  private readonly streams = new Map<string, { revision: number; hash: string }>();
  private lastPosition = 0;
  private count = 0;
  readonly problems: ChainProblem[] = [];

  constructor(
    private readonly maxProblems = 100,
    /** EventStoreDB positions are commit positions with gaps: there only the order is checked. */
    private readonly options: { checkPositions: boolean } = { checkPositions: true },
  ) {}

  add(event: StoredEvent): void {
    this.count += 1;
    const at = { position: event.position, streamId: event.streamId, streamRevision: event.streamRevision };
    if (this.options.checkPositions ? event.position !== this.lastPosition + 1 : event.position <= this.lastPosition) {
      this.report({ ...at, reason: `position ${event.position} follows ${this.lastPosition}: the log has a gap or is out of order` });
    }
    this.lastPosition = event.position;
    const previous = this.streams.get(event.streamId) ?? { revision: -1, hash: GENESIS_HASH };
    if (event.streamRevision !== previous.revision + 1) {
      this.report({ ...at, reason: `stream revision ${event.streamRevision} follows ${previous.revision}` });
    }
    if (event.prevHash !== previous.hash) {
      this.report({ ...at, reason: 'prevHash does not match the hash of the previous event of its stream' });
    }
    const recomputed = eventHash(event.prevHash, event);
    if (recomputed !== event.hash) {
      this.report({ ...at, reason: 'hash does not match the event content: the event was altered' });
    }
    // Follow the stored hash so one altered event is reported once, not again at every later event.
    this.streams.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
  }

  result(): ChainReport {
    return { ok: this.problems.length === 0, events: this.count, streams: this.streams.size, head: this.lastPosition, problems: this.problems };
  }

  private report(problem: ChainProblem): void {
    if (this.problems.length < this.maxProblems) this.problems.push(problem);
  }
}
