// Typed errors of the EventStoreDB adapter, beside the port's own (event-store.errors.ts), so the API can map them to
// a status without knowing the client library: StoreUnavailableError → 503, MultiStreamAppendError → 422.

/** The store cannot be reached (gRPC UNAVAILABLE or a deadline). An append may or may not have been stored:
 * retrying with the same event ids is safe, the adapter stores them once. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly kind: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`the ${kind} event store is unavailable: ${detail}`, options);
  }
}

/** EventStoreDB before 25.x (and the 6.x client) has no transaction across streams, so an all-or-nothing append to
 * several streams cannot be promised; the adapter refuses it rather than store part of it. */
export class MultiStreamAppendError extends Error {
  override readonly name = 'MultiStreamAppendError';
  constructor(readonly streamIds: string[]) {
    super(
      `the EventStoreDB store appends atomically to one stream per request; this request touches ${streamIds.length} ` +
        `(${streamIds.join(', ')}): send one request per stream, or use the PostgreSQL store`,
    );
  }
}

/** An event in EventStoreDB that is not a ledger envelope (written by something else, or altered). */
export class ForeignEventError extends Error {
  override readonly name = 'ForeignEventError';
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    reason: string,
  ) {
    super(`event ${streamId}@${String(revision)} is not a ledger envelope: ${reason}`);
  }
}
