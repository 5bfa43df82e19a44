// The event-store port: what the ledger needs from any store. Adapters: PostgreSQL (default) and EventStoreDB.
// Every adapter must pass the contract suite in event-store.contract.ts.
import type { StoredEvent } from '../../../events/index.js';

// What an append carries is decided by libs/ledger (inward); the port takes it as it is.
import type { StreamAppend } from '../../ledger/src/append.types.js';
export type { EventToAppend, ExpectedRevision, StreamAppend } from '../../ledger/src/append.types.js';

export interface AppendResult {
  /** The stored envelopes, in the order given (an idempotent retry returns the ones stored the first time). */
  events: StoredEvent[];
  /** Per stream, the revision of its last event after this append. */
  nextRevisions: Record<string, number>;
}

export interface ReadAllOptions {
  /** Read events with position strictly greater than this; 0 reads from the start. */
  after: number;
  /** At most this many events (default 1000). */
  limit?: number;
}

export interface SubscribeOptions {
  /** The checkpoint: the last position the subscriber has handled (0 for none). */
  after: number;
  batchSize?: number;
  /** Stops the subscription; the iterator ends after the batch in hand. */
  signal?: AbortSignal;
}

export interface LedgerHead {
  position: number;
  hash: string | null;
}

export interface EventStore {
  /** True when positions are 1, 2, 3… with no gap (PostgreSQL); EventStoreDB commit positions have gaps. */
  readonly positionsAreGapFree?: boolean;
  /** Appends atomically to one or several streams: all events are stored or none. */
  append(appends: StreamAppend[]): Promise<AppendResult>;
  /** The events of one stream in revision order. */
  readStream(streamId: string, options?: { fromRevision?: number; limit?: number }): Promise<StoredEvent[]>;
  /** One batch of the global log in position order. */
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;
  /** Follows the global log from a checkpoint: catches up, then keeps following live, in position order, each once. */
  subscribe(options: SubscribeOptions): AsyncIterable<StoredEvent[]>;
  /** Every event about one assessed unit, in position order. */
  readUnit(unitId: string): Promise<StoredEvent[]>;
  /** Looks events up by id (for retractions and disputes). */
  findByIds(eventIds: string[]): Promise<StoredEvent[]>;
  /** The last position and its hash. */
  head(): Promise<LedgerHead>;
  /** A short description for /health (kind, and whatever tells the store is reachable). */
  health(): Promise<{ kind: string; ok: boolean; head?: number; detail?: string }>;
  close(): Promise<void>;
}
