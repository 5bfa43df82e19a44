// The client's errors → the port's. Only the ones a caller can act on are translated; the rest pass through as they
// are, with the client's message. Duplicate event ids raise no error in EventStoreDB (it silently keeps the first
// write when the expected revision matches), so IdempotencyConflictError comes from append-plan.ts, not from here.
import { ConcurrencyError } from '../event-store.errors.js';
import type { ExpectedRevision } from '../event-store.port.js';
import { StoreUnavailableError } from './eventstoredb.errors.js';
import { fromClientCurrentRevision, fromClientExpectedRevision } from './revision-mapping.js';

// gRPC status codes (a failed append surfaces as a bare gRPC error; reads wrap it in the client's UnavailableError).
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

interface ClientErrorLike {
  type?: unknown;
  code?: unknown;
  message?: unknown;
  streamName?: unknown;
  expectedVersion?: unknown;
  actualVersion?: unknown;
}

export interface ErrorContext {
  streamId?: string;
  /** What the caller asked for, reported instead of the exact revision the adapter appended after. */
  expected?: ExpectedRevision;
}

export function mapClientError(error: unknown, context: ErrorContext = {}): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const e = error as ClientErrorLike;
  if (e.type === 'wrong-expected-version') {
    const streamId = typeof e.streamName === 'string' && e.streamName !== '' ? e.streamName : (context.streamId ?? '?');
    const expected = context.expected ?? fromClientExpectedRevision(e.expectedVersion as never);
    return new ConcurrencyError(streamId, expected, fromClientCurrentRevision(e.actualVersion as never));
  }
  if (isUnavailable(e)) {
    const detail = typeof e.message === 'string' ? e.message : String(e.type ?? e.code);
    return new StoreUnavailableError('eventstoredb', detail, { cause: error });
  }
  return error;
}

function isUnavailable(e: ClientErrorLike): boolean {
  return (
    e.type === 'unavailable' ||
    e.type === 'deadline-exceeded' ||
    e.type === 'timeout' ||
    e.code === GRPC_UNAVAILABLE ||
    e.code === GRPC_DEADLINE_EXCEEDED
  );
}
