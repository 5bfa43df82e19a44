// What every check of decide reads: the event, who appends it, when, and what the ledger already holds.
import type { Actor, NewEvent } from '../../../events/index.js';
import type { Rulebook } from '../../rulebook/src/rulebook.types.js';
import type { LedgerState } from './ledger-state.js';
import type { RulebookIndex } from './rulebook-index.js';
import type { Refusal } from './decide.errors.js';

export interface DecideContext {
  event: NewEvent;
  actor: Actor;
  /** System time of the append, when the caller knows it. */
  recordedAt: string | undefined;
  state: LedgerState;
  rulebook: Rulebook;
  index: RulebookIndex;
}

export type Check = (ctx: DecideContext) => Refusal[];

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');
