// decide: the pure check of a batch of appends against the rulebook and what the ledger already holds.
// Shape (types, fields, formats) is checked before, by events/validateNewEvent; this checks meaning and authority.
import {
  ASSESSMENT_OPENED,
  CRITERION_ASSESSED,
  DISPUTE_FILED,
  DISPUTE_RESOLVED,
  FINDING_RETRACTED,
  FRONT_END_FAULT_RECORDED,
  INDICATOR_NOT_APPLICABLE,
  LIST_BATCH_PUBLISHED,
  METRIC_MEASURED,
  OUTAGE_REPAIRED,
  OUTAGE_STARTED,
  RESULTS_PUBLISHED,
  SELF_ASSESSMENT_SUBMITTED,
  SPOT_CHECK_RECORDED,
  STREET_NOT_ONBOARDED,
  TASK_INCOMPLETE_FOUND,
  UNIT_REGISTERED,
  type Actor,
  type EventType,
  type NewEvent,
} from '../../../events/index.js';
import type { EventToAppend, ExpectedRevision, StreamAppend } from './append.types.js';
import type { Rulebook } from '../../rulebook/src/rulebook.types.js';
import { checkGovernmentOffice, checkTheUnitItself } from './decide.authorization.checks.js';
import type { Check, DecideContext } from './decide.context.js';
import { refusal, type DecideProblem } from './decide.errors.js';
import { checkIndicatorAndLead, checkRate } from './decide.indicator.checks.js';
import {
  checkAssessmentKnown,
  checkAssessmentOpened,
  checkDisputeFiled,
  checkDisputeResolved,
  checkNewUnit,
  checkOutageRepaired,
  checkOutageStarted,
  checkRetraction,
  checkUnitRegistered,
} from './decide.reference.checks.js';
import { checkTime } from './decide.time.checks.js';
import { checkDisputeResolver, checkRetractionNotAboutItself } from './decide.independence.checks.js';
import { evolveLedgerState } from './ledger-state.evolve.js';
import { forkLedgerState, type LedgerState } from './ledger-state.js';
import { indexRulebook } from './rulebook-index.js';
import { streamIdFor, unitIdOf } from './stream-ids.js';

export interface DecideCommand {
  /** Shape-validated by validateNewEvent; each must carry the eventId the caller assigned. */
  events: NewEvent[];
  /** From the caller's credentials (API) or from the line (CLI import). */
  actor: Actor;
  /** System time of the append; when given, no event may have occurred after it. */
  recordedAt?: string;
}

/** An event ready for the store, with the stream it goes to. */
export interface DecidedAppend extends EventToAppend {
  streamId: string;
}

export type DecideResult =
  | {
      ok: true;
      /** Every event of the batch in order, retries included (the store answers them with what it stored first). */
      appends: DecidedAppend[];
      /** Ids of events the ledger already holds: retries, passed on unchecked so the store can make them idempotent. */
      retries: string[];
    }
  | { ok: false; problems: DecideProblem[] };

const findingChecks = (...more: Check[]): Check[] => [checkUnitRegistered, checkIndicatorAndLead, ...more];

// Exhaustive by type: adding an event type without deciding its checks fails to compile.
const CHECKS: Record<EventType, Check[]> = {
  [ASSESSMENT_OPENED]: [checkGovernmentOffice, checkAssessmentOpened],
  [UNIT_REGISTERED]: [checkGovernmentOffice, checkNewUnit],
  [TASK_INCOMPLETE_FOUND]: findingChecks(),
  [LIST_BATCH_PUBLISHED]: findingChecks(),
  [METRIC_MEASURED]: findingChecks(checkRate),
  [SPOT_CHECK_RECORDED]: findingChecks(),
  [STREET_NOT_ONBOARDED]: findingChecks(),
  [FRONT_END_FAULT_RECORDED]: findingChecks(),
  [CRITERION_ASSESSED]: findingChecks(),
  [OUTAGE_STARTED]: findingChecks(checkOutageStarted),
  [OUTAGE_REPAIRED]: findingChecks(checkOutageRepaired),
  [INDICATOR_NOT_APPLICABLE]: findingChecks(),
  [FINDING_RETRACTED]: [checkUnitRegistered, checkRetractionNotAboutItself, checkRetraction],
  [DISPUTE_FILED]: [checkTheUnitItself, checkUnitRegistered, checkDisputeFiled],
  [DISPUTE_RESOLVED]: [checkDisputeResolver, checkUnitRegistered, checkDisputeResolved],
  [SELF_ASSESSMENT_SUBMITTED]: [checkTheUnitItself, checkUnitRegistered],
  [RESULTS_PUBLISHED]: [checkGovernmentOffice, checkAssessmentKnown],
};

export function decide(command: DecideCommand, state: LedgerState, rulebook: Rulebook): DecideResult {
  const lookups = indexRulebook(rulebook);
  // Later events of the batch see the earlier ones through a fork, which keeps the caller's state untouched. The
  // fork is made only when a later event needs it: a one-event batch (every line of a CLI import) makes no garbage.
  let draft = state;
  const problems: DecideProblem[] = [];
  const appends: DecidedAppend[] = [];
  const retries: string[] = [];

  command.events.forEach((event, index) => {
    if (event.eventId === undefined) {
      problems.push({ index, ...refusal('MISSING_EVENT_ID', 'eventId') });
      return;
    }
    const eventId = event.eventId;
    if (draft.events.has(eventId)) {
      retries.push(eventId);
    } else {
      const ctx: DecideContext = { event, actor: command.actor, recordedAt: command.recordedAt, state: draft, rulebook, index: lookups };
      const checks = CHECKS[event.type as EventType] ?? [];
      for (const check of [checkTime, ...checks]) problems.push(...check(ctx).map((p) => ({ index, ...p })));
      if (index < command.events.length - 1) {
        if (draft === state) draft = forkLedgerState(state);
        // Folded even when refused, so a later event of the batch reports its own problem, not a cascade of this one.
        evolveLedgerState(draft, { ...event, eventId, actor: command.actor });
      }
    }
    appends.push({
      eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      occurredAt: event.occurredAt,
      actor: command.actor,
      evidence: event.evidence,
      data: event.data,
      unitId: unitIdOf(event),
      streamId: streamIdFor(event),
    });
  });

  return problems.length > 0 ? { ok: false, problems } : { ok: true, appends, retries };
}

/** Groups decided events by stream, in order of first appearance, for EventStore.append. */
export function toStreamAppends(
  appends: DecidedAppend[],
  expectedRevision: (streamId: string) => ExpectedRevision = () => 'any',
): StreamAppend[] {
  const byStream = new Map<string, EventToAppend[]>();
  for (const { streamId, ...event } of appends) {
    const events = byStream.get(streamId) ?? [];
    events.push(event);
    byStream.set(streamId, events);
  }
  return [...byStream].map(([streamId, events]) => ({ streamId, expectedRevision: expectedRevision(streamId), events }));
}

/**
 * The streams whose events decide needs to judge a batch: the unit streams of the units it is about (their
 * registration, findings, disputes and outages live there, and references must stay within one unit) and the
 * assessment streams it names. The API reads these and folds them with foldLedgerState before calling decide.
 */
export function streamsToLoad(events: NewEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    try {
      ids.add(streamIdFor(event));
    } catch {
      // An event without a stream address is refused by validateNewEvent before it gets here.
    }
  }
  return [...ids];
}
