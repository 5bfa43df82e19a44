// Folds one event into the decide state. Total: it never throws on an event decide would refuse (a refused batch is
// still folded inside decide so later events of the batch get precise problems rather than cascades).
// It updates the state's tables in place and returns the state: copying maps per event would make folding a
// million-event file quadratic. Values are replaced, never mutated, so an overlay (forkLedgerState) stays isolated.
import {
  ASSESSMENT_OPENED,
  DISPUTE_FILED,
  DISPUTE_RESOLVED,
  FINDING_RETRACTED,
  OUTAGE_REPAIRED,
  OUTAGE_STARTED,
  UNIT_REGISTERED,
  tryParseInstant,
  type LedgerEvent,
} from '../../../events/index.js';
import { disputeKey, outageKey, type LedgerState } from './ledger-state.js';
import { unitIdOf } from './stream-ids.js';

/** The event as evolve needs it: a LedgerEvent, or anything carrying its actor, type, occurredAt and data. */
export type FoldableEvent = Pick<LedgerEvent, 'eventId' | 'type' | 'occurredAt' | 'actor' | 'data'>;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function intern(state: LedgerState, value: string): string {
  const known = state.strings.get(value);
  if (known !== undefined) return known;
  state.strings.set(value, value);
  return value;
}

function retract(state: LedgerState, findingEventId: string, atMs: number): void {
  const earlier = state.retracted.get(findingEventId);
  if (earlier === undefined || atMs < earlier) state.retracted.set(findingEventId, atMs);
}

export function evolveLedgerState(state: LedgerState, event: FoldableEvent): LedgerState {
  // A retry of a known id is stored once by the store; its first version is the one that counts.
  if (state.events.has(event.eventId)) return state;
  // An event an older version stored with a date the strict parser refuses keeps NaN: no time check can rely on it.
  const atMs = tryParseInstant(event.occurredAt) ?? Number.NaN;
  const unitId = unitIdOf(event);
  const data = event.data;
  const indicator = str(data.indicator);
  state.events.set(event.eventId, {
    type: intern(state, event.type),
    actorUnitId: intern(state, event.actor.unitId),
    unitId: unitId === null ? null : intern(state, unitId),
    indicator: indicator === null ? null : intern(state, indicator),
    occurredAtMs: atMs,
  });

  switch (event.type) {
    case ASSESSMENT_OPENED: {
      const assessmentId = str(data.assessmentId);
      if (assessmentId !== null && !state.assessments.has(assessmentId)) {
        state.assessments.set(assessmentId, { rulebook: str(data.rulebook) ?? '', openedAtMs: atMs });
      }
      break;
    }
    case UNIT_REGISTERED:
      if (unitId !== null) state.registeredUnits.set(unitId, true);
      break;
    case FINDING_RETRACTED: {
      const findingEventId = str(data.findingEventId);
      if (findingEventId !== null) retract(state, findingEventId, atMs);
      break;
    }
    case DISPUTE_FILED: {
      const disputeId = str(data.disputeId);
      if (unitId === null || disputeId === null) break;
      const key = disputeKey(unitId, disputeId);
      if (state.disputes.has(key)) break;
      const ids = Array.isArray(data.findingEventIds) ? data.findingEventIds.filter((id): id is string => typeof id === 'string') : [];
      state.disputes.set(key, { findingEventIds: ids, filedAtMs: atMs, resolution: null });
      break;
    }
    case DISPUTE_RESOLVED: {
      const disputeId = str(data.disputeId);
      if (unitId === null || disputeId === null) break;
      const key = disputeKey(unitId, disputeId);
      const dispute = state.disputes.get(key);
      if (dispute === undefined || dispute.resolution !== null) break;
      const resolution = data.decision === 'overturned' ? 'overturned' : 'upheld';
      state.disputes.set(key, { ...dispute, resolution });
      if (resolution === 'overturned') for (const id of dispute.findingEventIds) retract(state, id, atMs);
      break;
    }
    case OUTAGE_STARTED: {
      const outageId = str(data.outageId);
      if (unitId === null || outageId === null) break;
      const key = outageKey(unitId, outageId);
      if (!state.outages.has(key)) state.outages.set(key, { startedAtMs: atMs, repairedAtMs: null });
      break;
    }
    case OUTAGE_REPAIRED: {
      const outageId = str(data.outageId);
      if (unitId === null || outageId === null) break;
      const key = outageKey(unitId, outageId);
      const outage = state.outages.get(key);
      if (outage !== undefined && outage.repairedAtMs === null) state.outages.set(key, { ...outage, repairedAtMs: atMs });
      break;
    }
    default:
      break;
  }
  return state;
}

/** Folds many events, e.g. the streams read from the store for one command. */
export function foldLedgerState(state: LedgerState, events: Iterable<FoldableEvent>): LedgerState {
  for (const event of events) evolveLedgerState(state, event);
  return state;
}
