// Builders of shape-valid events for unit tests. Each goes through validateNewEvent, so a test never decides on
// an event the API would have refused for its shape.
import { validateNewEvent, type Actor, type NewEvent } from '../../../../events/index.js';
import { CENTRE, ECON, GOV, LETTERS, REFORM } from './test-rulebook.js';

export const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const actor = (unitId: string, userId = `${unitId}-user`): Actor => ({ unitId, userId });
export const gov = actor(GOV);
export const econ = actor(ECON);
export const reform = actor(REFORM);
export const centre = actor(CENTRE);
export const letters = actor(LETTERS);

const AT = '2017-10-05T09:30:00+08:00';
let next = 1000;

export function event(type: string, data: Record<string, unknown>, occurredAt = AT, eventId = uuid(next++)): NewEvent {
  const result = validateNewEvent({ eventId, type, schemaVersion: 1, occurredAt, evidence: [{ kind: 'url', ref: 'https://example.org/e' }], data });
  if (!result.ok) throw new Error(`test event is not shape-valid: ${JSON.stringify(result.problems)}`);
  return result.value;
}

export const opened = (assessmentId = 'lc-2017-assessment', at = '2017-09-29T10:00:00+08:00') =>
  event('AssessmentOpened', { assessmentId, rulebook: 'lc-2017', title: '2017 互联网+政务服务绩效考核' }, at);
export const registered = (unitId: string, kind = 'street') => event('UnitRegistered', { unitId, name: unitId, kind }, '2017-01-02T09:00:00+08:00');
export const spotCheck = (unitId: string, indicator = '3.5', at = AT) =>
  event('SpotCheckRecorded', { unitId, indicator, outcome: 'fail', subject: '办件 1', note: '材料不齐全' }, at);
export const measured = (unitId: string, indicator: string, numerator: number, denominator: number, at = AT) =>
  event('MetricMeasured', { unitId, indicator, numerator, denominator }, at);
export const retracted = (unitId: string, findingEventId: string, at = '2017-11-01T09:00:00+08:00') =>
  event('FindingRetracted', { unitId, findingEventId, reason: 'recorded in error' }, at);
export const disputeFiled = (unitId: string, disputeId: string, findingEventIds: string[], at = '2017-11-02T09:00:00+08:00') =>
  event('DisputeFiled', { unitId, disputeId, findingEventIds, grounds: 'the reason was concrete' }, at);
export const disputeResolved = (unitId: string, disputeId: string, decision = 'overturned', at = '2017-11-20T09:00:00+08:00') =>
  event('DisputeResolved', { unitId, disputeId, decision, note: '' }, at);
export const outageStarted = (unitId: string, outageId: string, at: string) => event('OutageStarted', { unitId, outageId, system: '闽政通' }, at);
export const outageRepaired = (unitId: string, outageId: string, at: string) => event('OutageRepaired', { unitId, outageId }, at);
