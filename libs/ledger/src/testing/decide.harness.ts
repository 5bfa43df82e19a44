// Runs decide in unit tests: builds a state from accepted history and reads refusals as [index, field, code].
import type { Actor, NewEvent } from '../../../../events/index.js';
import type { Rulebook } from '../../../rulebook/src/rulebook.types.js';
import { decide, type DecideResult } from '../decide.js';
import { evolveLedgerState } from '../ledger-state.evolve.js';
import { initialLedgerState, type LedgerState } from '../ledger-state.js';
import { TEST_RULEBOOK } from './test-rulebook.js';

/** A state holding `history`, each step decided first so a test never starts from a state the ledger would refuse. */
export function given(history: Array<[Actor, NewEvent]>, rulebook: Rulebook = TEST_RULEBOOK): LedgerState {
  const state = initialLedgerState(rulebook);
  for (const [by, event] of history) {
    const result = decide({ events: [event], actor: by }, state, rulebook);
    if (!result.ok) throw new Error(`history refused: ${JSON.stringify(result.problems)}`);
    evolveLedgerState(state, { ...event, eventId: event.eventId!, actor: by });
  }
  return state;
}

export function run(by: Actor, events: NewEvent[], state = given([]), rulebook: Rulebook = TEST_RULEBOOK, recordedAt?: string): DecideResult {
  return decide({ events, actor: by, ...(recordedAt !== undefined ? { recordedAt } : {}) }, state, rulebook);
}

/** The refusals as [index, field, code], the way tests assert them. */
export function refusals(result: DecideResult): Array<[number, string, string]> {
  return result.ok ? [] : result.problems.map((p) => [p.index, p.field, p.code]);
}
