// Typed errors of the port. The API maps ConcurrencyError and IdempotencyConflictError to 409.

export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly streamId: string,
    readonly expected: number | 'no_stream' | 'any',
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId} is at revision ${String(actual)}, not the expected ${String(expected)}`);
  }
}

export class IdempotencyConflictError extends Error {
  override readonly name = 'IdempotencyConflictError';
  constructor(readonly eventId: string) {
    super(`event ${eventId} was already stored with different content`);
  }
}
