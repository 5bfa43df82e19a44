// What `ledger import` and `ledger evaluate` both do with each event of a file, in file order, as if each line were
// appended in turn: the hash chain recomputed (when the file carries one), the rulebook an opening AssessmentOpened
// names, decide against the state folded from the lines accepted before, and the fold of what passed. Written once,
// so the two commands cannot disagree about what a line may be. Holds the ledger state, never the events.
import type { LedgerEvent, StoredEvent } from '../../events/index.js';
import { ChainVerifier } from '../../libs/ledger/src/hash-chain.js';
import { decide, evolveLedgerState, initialLedgerState, unitIdOf, type LedgerState } from '../../libs/ledger/src/index.js';
import type { Rulebook } from '../../libs/rulebook/src/rulebook.types.js';

/** A problem of one line of a file, for the commands' reports. */
export interface LineProblem {
  lineNumber: number;
  field: string;
  reason: string;
}

export interface FieldReason {
  field: string;
  reason: string;
}

export type LineDecision =
  | { kind: 'accepted' }
  | { kind: 'refused'; problems: FieldReason[] }
  /** The id of an event on an earlier line: the same event again (`same`), or another one reusing the id. */
  | { kind: 'repeated'; same: boolean };

export class LineDecider {
  rulebook: Rulebook;
  state: LedgerState;
  private readonly chain = new ChainVerifier(Number.MAX_SAFE_INTEGER);
  private decided = 0;
  private refused = 0;

  constructor(private readonly options: { defaultRulebook: Rulebook; findRulebook(id: string): Rulebook | undefined }) {
    this.rulebook = options.defaultRulebook;
    this.state = initialLedgerState(this.rulebook);
  }

  /** Recomputes the chain with the next stored event of an export: the problems it shows at that event. */
  chainProblems(event: StoredEvent): FieldReason[] {
    const seen = this.chain.problems.length;
    this.chain.add(event);
    return this.chain.problems.slice(seen).map((p) => ({ field: 'hash', reason: `position ${p.position}: ${p.reason}` }));
  }

  /** A line that was refused before deciding (its shape, its hash): it changes nothing, and no rulebook is chosen after it. */
  refusedBeforeDeciding(): void {
    this.refused += 1;
  }

  decide(event: LedgerEvent): LineDecision {
    // The assessment names its rulebook; it can only choose it before any event was decided by another.
    if (this.decided === 0 && this.refused === 0 && event.type === 'AssessmentOpened') {
      const named = this.options.findRulebook(String(event.data.rulebook));
      if (named !== undefined && named !== this.rulebook) {
        this.rulebook = named;
        this.state = initialLedgerState(named);
      }
    }
    this.decided += 1;
    const decision = decide({ events: [event], actor: event.actor, recordedAt: event.recordedAt }, this.state, this.rulebook);
    if (!decision.ok) {
      this.refused += 1;
      return { kind: 'refused', problems: decision.problems.map(({ field, reason }) => ({ field, reason })) };
    }
    if (decision.retries.length > 0) {
      const known = this.state.events.get(event.eventId);
      const indicator = typeof event.data.indicator === 'string' ? event.data.indicator : null;
      const same =
        known !== undefined &&
        known.type === event.type &&
        known.actorUnitId === event.actor.unitId &&
        known.unitId === unitIdOf(event) &&
        known.indicator === indicator &&
        known.occurredAtMs === Date.parse(event.occurredAt);
      return { kind: 'repeated', same };
    }
    evolveLedgerState(this.state, event);
    return { kind: 'accepted' };
  }
}
