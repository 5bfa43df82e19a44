// Why an append was refused, in the terms the API answers with: 400 (bad input), 403 (not allowed), 409 (conflict).
import type { DecideProblem, DecideRefusalKind } from '../../../libs/ledger/src/index.js';

/** Decide's kinds (from its error table), and a conflict with the expected revision the caller pinned (409). */
export type RefusalKind = DecideRefusalKind | 'conflict';

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

/** Decide's refusal of a batch: forbidden (403) when any problem is about who the caller is, else bad input (400). */
export function decideRefusal(problems: readonly DecideProblem[]): AppendRefusedError {
  const kind: RefusalKind = problems.some((p) => p.kind === 'forbidden') ? 'forbidden' : 'invalid';
  return AppendRefusedError.ofEvents(
    kind,
    problems.map(({ index, field, code, reason }) => ({ index, field, code, reason })),
  );
}
