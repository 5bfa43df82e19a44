// Every reason decide refuses an append, as a code with its kind and message. Callers and tests match on the code;
// people read the message, which names the offending value; the kind says whose fault it is, so the HTTP status of a
// refusal is read from this table (AppendRefusedError) rather than from a second, hand-kept list of codes.

/** bad input: the event is wrong (400); forbidden: the caller may not append it (403). */
export type RefusalKind = 'invalid' | 'forbidden';

const invalid = <A extends unknown[]>(message: (...args: A) => string) => ({ kind: 'invalid' as const, message });
const forbidden = <A extends unknown[]>(message: (...args: A) => string) => ({ kind: 'forbidden' as const, message });

export const DECIDE_ERRORS = {
  MISSING_EVENT_ID: invalid(() => 'must be assigned before deciding (the caller gives every event its id)'),
  INVALID_INSTANT: invalid((a: { value: string; reason: string }) => `"${a.value.slice(0, 40)}" ${a.reason}`),
  OUTSIDE_ASSESSMENT_YEAR: invalid((a: { occurredAt: string; from: string; to: string }) =>
    `${a.occurredAt} is outside the assessment year ${a.from} … ${a.to}`),
  OCCURRED_AFTER_RECORDED: invalid((a: { occurredAt: string; recordedAt: string }) =>
    `${a.occurredAt} is after the time it is recorded (${a.recordedAt}): a fact cannot be recorded before it happens`),
  UNKNOWN_INDICATOR: invalid((a: { indicator: string; rulebook: string }) => `unknown indicator "${a.indicator}" in rulebook ${a.rulebook}`),
  INDICATOR_NOT_FED: invalid((a: { indicator: string; type: string; fed: string[] }) =>
    `${a.type} does not feed indicator ${a.indicator}` + (a.fed.length > 0 ? ` (it feeds ${a.fed.join(', ')})` : '')),
  NO_INDICATOR_FED: invalid((a: { type: string; rulebook: string }) => `no indicator of rulebook ${a.rulebook} is fed by ${a.type}`),
  NUMERATOR_EXCEEDS_DENOMINATOR: invalid((a: { numerator: number; denominator: number }) =>
    `must not exceed the denominator (${a.numerator} > ${a.denominator})`),
  UNIT_NOT_REGISTERED: invalid((a: { unitId: string }) => `unit "${a.unitId}" was not introduced by a UnitRegistered event`),
  UNIT_ALREADY_REGISTERED: invalid((a: { unitId: string }) => `unit "${a.unitId}" is already registered`),
  // The API decides with the streams of the event's own unit loaded: a finding about another unit is not among them.
  UNKNOWN_EVENT: invalid((a: { eventId: string; unitId: string }) =>
    `no finding ${a.eventId} about unit "${a.unitId}" is in the ledger (a dispute or a retraction names findings about its own unit)`),
  NOT_A_FINDING: invalid((a: { eventId: string; type: string }) => `event ${a.eventId} is a ${a.type}, not a finding`),
  FINDING_OF_OTHER_UNIT: invalid((a: { eventId: string; findingUnitId: string | null; unitId: string }) =>
    `event ${a.eventId} is about unit "${a.findingUnitId ?? '(none)'}", not "${a.unitId}"`),
  ALREADY_RETRACTED: invalid((a: { eventId: string }) => `finding ${a.eventId} is already retracted`),
  RETRACTION_BEFORE_FINDING: invalid((a: { occurredAt: string; findingOccurredAt: string }) =>
    `${a.occurredAt} is before the retracted finding occurred (${a.findingOccurredAt})`),
  DUPLICATE_DISPUTE: invalid((a: { unitId: string; disputeId: string }) => `unit "${a.unitId}" already filed dispute "${a.disputeId}"`),
  UNKNOWN_DISPUTE: invalid((a: { unitId: string; disputeId: string }) => `unit "${a.unitId}" filed no dispute "${a.disputeId}"`),
  DISPUTE_ALREADY_RESOLVED: invalid((a: { unitId: string; disputeId: string }) =>
    `dispute "${a.disputeId}" of unit "${a.unitId}" is already resolved`),
  RESOLUTION_BEFORE_DISPUTE: invalid((a: { occurredAt: string; filedAt: string }) =>
    `${a.occurredAt} is before the dispute was filed (${a.filedAt})`),
  DUPLICATE_OUTAGE: invalid((a: { unitId: string; outageId: string }) => `outage "${a.outageId}" of unit "${a.unitId}" was already started`),
  UNKNOWN_OUTAGE: invalid((a: { unitId: string; outageId: string }) => `no outage "${a.outageId}" of unit "${a.unitId}" was started`),
  OUTAGE_ALREADY_REPAIRED: invalid((a: { unitId: string; outageId: string }) =>
    `outage "${a.outageId}" of unit "${a.unitId}" is already repaired`),
  REPAIR_BEFORE_START: invalid((a: { occurredAt: string; startedAt: string }) => `${a.occurredAt} is before the outage started (${a.startedAt})`),
  DUPLICATE_ASSESSMENT: invalid((a: { assessmentId: string }) => `assessment "${a.assessmentId}" is already opened`),
  UNKNOWN_ASSESSMENT: invalid((a: { assessmentId: string }) => `no assessment "${a.assessmentId}" was opened`),
  RULEBOOK_MISMATCH: invalid((a: { rulebook: string; expected: string }) => `"${a.rulebook}" is not the rulebook in force (${a.expected})`),
  NOT_GOVERNMENT_OFFICE: forbidden((a: { type: string; actorUnitId: string; governmentOffice: string }) =>
    `only ${a.governmentOffice} may append ${a.type}, not "${a.actorUnitId}"`),
  NOT_LEAD: forbidden((a: { actorUnitId: string; indicator: string; leads: string[] }) =>
    `"${a.actorUnitId}" does not lead indicator ${a.indicator} (lead: ${a.leads.join(', ') || 'none'})`),
  NOT_THE_UNIT_ITSELF: forbidden((a: { type: string; actorUnitId: string; unitId: string }) =>
    `only unit "${a.unitId}" itself may append its ${a.type}, not "${a.actorUnitId}"`),
  NOT_FINDING_AUTHOR: forbidden((a: { actorUnitId: string; authorUnitId: string; governmentOffice: string }) =>
    `only the unit that appended the finding ("${a.authorUnitId}") or ${a.governmentOffice} may retract it, not "${a.actorUnitId}"`),
  ACTS_ON_ITSELF: forbidden((a: { actorUnitId: string; action: string; standIn: string }) =>
    `"${a.actorUnitId}" may not ${a.action} about itself (I-INDEPENDENCE: no unit assesses itself); "${a.standIn}" does`),
  NOT_DISPUTE_RESOLVER: forbidden((a: { actorUnitId: string; unitId: string; resolver: string }) =>
    `disputes of "${a.unitId}" are resolved by "${a.resolver}", not "${a.actorUnitId}"`),
} as const;

export type DecideErrorCode = keyof typeof DECIDE_ERRORS;
type ErrorArgs<C extends DecideErrorCode> = Parameters<(typeof DECIDE_ERRORS)[C]['message']>;

export interface Refusal {
  code: DecideErrorCode;
  kind: RefusalKind;
  /** Path of the offending field, e.g. `data.indicator`, `data.findingEventIds[1]`, `occurredAt`, `actor`. */
  field: string;
  reason: string;
}

export interface DecideProblem extends Refusal {
  /** Index of the event in the command's batch. */
  index: number;
}

export function refusal<C extends DecideErrorCode>(code: C, field: string, ...args: ErrorArgs<C>): Refusal {
  const entry = DECIDE_ERRORS[code];
  const message = entry.message as (...a: ErrorArgs<C>) => string;
  return { code, kind: entry.kind, field, reason: message(...args) };
}
