// Why an append was refused, in the terms the API answers with: 400 (bad input), 403 (not allowed), 409 (conflict).
import type { DecideErrorCode } from '../../../libs/ledger/src/index.js';

export type RefusalKind = 'invalid' | 'forbidden' | 'conflict';

export class AppendRefusedError extends Error {
  override readonly name = 'AppendRefusedError';
  constructor(
    readonly kind: RefusalKind,
    /** Each `events[i].field: reason`. */
    readonly problems: string[],
  ) {
    super(problems.join('; '));
  }
}

/** Refusals about who the caller is, rather than what the event says. */
export const FORBIDDEN_CODES: ReadonlySet<DecideErrorCode> = new Set<DecideErrorCode>([
  'NOT_GOVERNMENT_OFFICE',
  'NOT_LEAD',
  'NOT_THE_UNIT_ITSELF',
  'NOT_FINDING_AUTHOR',
  'ACTS_ON_ITSELF',
  'NOT_DISPUTE_RESOLVER',
]);
