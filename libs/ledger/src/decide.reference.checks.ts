// Checks that an event refers to things the ledger knows: units, findings, disputes, outages, assessments.
import { parseInstant } from '../../../events/index.js';
import { refusal, type Refusal } from './decide.errors.js';
import { standInFor } from './decide.independence.checks.js';
import { text, type DecideContext } from './decide.context.js';
import { disputeKey, isRegisteredUnit, outageKey } from './ledger-state.js';

const iso = (ms: number): string => new Date(ms).toISOString();

export function checkUnitRegistered({ event, state }: DecideContext): Refusal[] {
  const unitId = text(event.data.unitId);
  return isRegisteredUnit(state, unitId) ? [] : [refusal('UNIT_NOT_REGISTERED', 'data.unitId', { unitId })];
}

export function checkNewUnit({ event, state }: DecideContext): Refusal[] {
  // A lead unit needs no registration but may be registered once, so a file may introduce every unit alike.
  const unitId = text(event.data.unitId);
  return state.registeredUnits.has(unitId) ? [refusal('UNIT_ALREADY_REGISTERED', 'data.unitId', { unitId })] : [];
}

/** A referenced event must be a known finding about the same unit. */
function checkFindingReference(ctx: DecideContext, eventId: string, field: string): Refusal[] {
  const target = ctx.state.events.get(eventId);
  const unitId = text(ctx.event.data.unitId);
  if (target === undefined) return [refusal('UNKNOWN_EVENT', field, { eventId, unitId })];
  if (!ctx.index.isFinding(target.type)) return [refusal('NOT_A_FINDING', field, { eventId, type: target.type })];
  if (target.unitId !== unitId) return [refusal('FINDING_OF_OTHER_UNIT', field, { eventId, findingUnitId: target.unitId, unitId })];
  return [];
}

export function checkRetraction(ctx: DecideContext): Refusal[] {
  const { event, state, actor, rulebook } = ctx;
  const eventId = text(event.data.findingEventId);
  const problems = checkFindingReference(ctx, eventId, 'data.findingEventId');
  const target = state.events.get(eventId);
  if (problems.length > 0 || target === undefined) return problems;
  if (state.retracted.has(eventId)) problems.push(refusal('ALREADY_RETRACTED', 'data.findingEventId', { eventId }));
  if (parseInstant(event.occurredAt) < target.occurredAtMs) {
    problems.push(refusal('RETRACTION_BEFORE_FINDING', 'occurredAt', { occurredAt: event.occurredAt, findingOccurredAt: iso(target.occurredAtMs) }));
  }
  // The author or the government office; for a finding about the government office itself, its stand-in
  // (I-INDEPENDENCE; the office retracting a finding about itself is refused by checkRetractionNotAboutItself).
  const standIn = rulebook.independence && target.unitId !== null ? standInFor(rulebook, target.unitId) : undefined;
  if (actor.unitId !== target.actorUnitId && actor.unitId !== rulebook.governmentOffice && actor.unitId !== standIn) {
    problems.push(
      refusal('NOT_FINDING_AUTHOR', 'actor', { actorUnitId: actor.unitId, authorUnitId: target.actorUnitId, governmentOffice: rulebook.governmentOffice }),
    );
  }
  return problems;
}

export function checkDisputeFiled(ctx: DecideContext): Refusal[] {
  const { event, state } = ctx;
  const unitId = text(event.data.unitId);
  const disputeId = text(event.data.disputeId);
  const problems: Refusal[] = [];
  if (state.disputes.has(disputeKey(unitId, disputeId))) problems.push(refusal('DUPLICATE_DISPUTE', 'data.disputeId', { unitId, disputeId }));
  const ids = event.data.findingEventIds as string[];
  ids.forEach((id, i) => problems.push(...checkFindingReference(ctx, id, `data.findingEventIds[${i}]`)));
  return problems;
}

export function checkDisputeResolved({ event, state }: DecideContext): Refusal[] {
  const unitId = text(event.data.unitId);
  const disputeId = text(event.data.disputeId);
  const dispute = state.disputes.get(disputeKey(unitId, disputeId));
  if (dispute === undefined) return [refusal('UNKNOWN_DISPUTE', 'data.disputeId', { unitId, disputeId })];
  const problems: Refusal[] = [];
  if (dispute.resolution !== null) problems.push(refusal('DISPUTE_ALREADY_RESOLVED', 'data.disputeId', { unitId, disputeId }));
  if (parseInstant(event.occurredAt) < dispute.filedAtMs) {
    problems.push(refusal('RESOLUTION_BEFORE_DISPUTE', 'occurredAt', { occurredAt: event.occurredAt, filedAt: iso(dispute.filedAtMs) }));
  }
  return problems;
}

export function checkOutageStarted({ event, state }: DecideContext): Refusal[] {
  const unitId = text(event.data.unitId);
  const outageId = text(event.data.outageId);
  return state.outages.has(outageKey(unitId, outageId)) ? [refusal('DUPLICATE_OUTAGE', 'data.outageId', { unitId, outageId })] : [];
}

export function checkOutageRepaired({ event, state }: DecideContext): Refusal[] {
  const unitId = text(event.data.unitId);
  const outageId = text(event.data.outageId);
  const outage = state.outages.get(outageKey(unitId, outageId));
  if (outage === undefined) return [refusal('UNKNOWN_OUTAGE', 'data.outageId', { unitId, outageId })];
  const problems: Refusal[] = [];
  if (outage.repairedAtMs !== null) problems.push(refusal('OUTAGE_ALREADY_REPAIRED', 'data.outageId', { unitId, outageId }));
  if (parseInstant(event.occurredAt) < outage.startedAtMs) {
    problems.push(refusal('REPAIR_BEFORE_START', 'occurredAt', { occurredAt: event.occurredAt, startedAt: iso(outage.startedAtMs) }));
  }
  return problems;
}

export function checkAssessmentOpened({ event, state, rulebook }: DecideContext): Refusal[] {
  const assessmentId = text(event.data.assessmentId);
  const problems: Refusal[] = [];
  const book = text(event.data.rulebook);
  if (book !== rulebook.id) problems.push(refusal('RULEBOOK_MISMATCH', 'data.rulebook', { rulebook: book, expected: rulebook.id }));
  if (state.assessments.has(assessmentId)) problems.push(refusal('DUPLICATE_ASSESSMENT', 'data.assessmentId', { assessmentId }));
  return problems;
}

export function checkAssessmentKnown({ event, state }: DecideContext): Refusal[] {
  const assessmentId = text(event.data.assessmentId);
  return state.assessments.has(assessmentId) ? [] : [refusal('UNKNOWN_ASSESSMENT', 'data.assessmentId', { assessmentId })];
}
