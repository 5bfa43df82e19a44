// Why an append was refused, in the terms the API answers with: 400 (bad input), 403 (not allowed), 409 (conflict).
import type { DecideErrorCode } from '../../../libs/ledger/src/index.js';

export type RefusalKind = 'invalid' | 'forbidden' | 'conflict';

/** One refused field of one event, for clients that point at it (the `problems` of a 400/403 body). */
export interface EventProblem {
  index: number;
  field: string;
  /** A decide code (e.g. NOT_LEAD), or INVALID for a value of the wrong shape. */
  code: string;
  reason: string;
}

export class AppendRefusedError extends Error {
  override readonly name = 'AppendRefusedError';
  constructor(
    readonly kind: RefusalKind,
    /** Each `events[i].field: reason`. */
    readonly problems: string[],
    readonly details?: EventProblem[],
  ) {
    super(problems.join('; '));
  }

  /** Refused for problems of particular events: the messages are `events[i].field: reason`. */
  static ofEvents(kind: RefusalKind, details: EventProblem[], more: string[] = []): AppendRefusedError {
    return new AppendRefusedError(kind, [...details.map((p) => `events[${p.index}].${p.field}: ${p.reason}`), ...more], details);
  }
}

/** Refusals about who the caller is, rather than what the event says. */
export const FORBIDDEN_CODES: ReadonlySet<DecideErrorCode> = new Set<DecideErrorCode>([
  'NOT_GOVERNMENT_OFFICE',
  'NOT_LEAD',
  'NOT_THE_UNIT_ITSELF',
  'NOT_FINDING_AUTHOR',
]);
