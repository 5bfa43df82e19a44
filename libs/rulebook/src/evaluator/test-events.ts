// Builders of ledger events for the evaluator's tests (not exported by the library).
import type { LedgerEvent } from '../../../../events/envelope.js';
import { LC_2017 } from '../lc-2017.rulebook.js';
import type { EvaluateOptions } from './evaluation.js';

export const UNIT = 'haibin-street';
export const END_OF_YEAR = '2017-12-31T23:59:59.999+08:00';
export const KNOWN_LATER = '2018-01-05T00:00:00.000+08:00';

let counter = 0;
export function nextId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export function event(
  type: string,
  occurredAt: string,
  data: Record<string, unknown>,
  extra: { recordedAt?: string; eventId?: string } = {},
): LedgerEvent {
  return {
    eventId: extra.eventId ?? nextId(),
    type,
    schemaVersion: 1,
    occurredAt,
    recordedAt: extra.recordedAt ?? occurredAt,
    actor: { unitId: 'gov-office', userId: 'tester' },
    evidence: [{ kind: 'url', ref: 'https://example.test/evidence' }],
    data,
  };
}

export const registered = (unitId = UNIT, at = '2017-01-03T09:00:00+08:00'): LedgerEvent =>
  event('UnitRegistered', at, { unitId, name: unitId, kind: 'street' });

export const metric = (indicator: string, numerator: number, denominator: number, at = '2017-12-20T10:00:00+08:00', unitId = UNIT, extra = {}): LedgerEvent =>
  event('MetricMeasured', at, { unitId, indicator, numerator, denominator }, extra);

export const criterion = (indicator: string, met: boolean, at = '2017-12-20T10:00:00+08:00', unitId = UNIT, extra = {}): LedgerEvent =>
  event('CriterionAssessed', at, { unitId, indicator, met, note: '' }, extra);

export const spotCheck = (indicator: string, outcome: 'pass' | 'fail', at = '2017-10-05T09:30:00+08:00', unitId = UNIT, extra = {}): LedgerEvent =>
  event('SpotCheckRecorded', at, { unitId, indicator, outcome, subject: `case ${nextId().slice(-4)}`, note: '' }, extra);

export const taskIncomplete = (indicator: '1.1' | '1.2', taskRef: string, at = '2017-11-20T10:00:00+08:00', unitId = UNIT): LedgerEvent =>
  event('TaskIncompleteFound', at, { unitId, indicator, taskRef, note: '' });

export const batch = (n: 1 | 2 | 3, at: string, unitId = UNIT, extra = {}): LedgerEvent =>
  event('ListBatchPublished', at, { unitId, batch: n, itemCount: 10 }, extra);

export const outage = (outageId: string, startedAt: string, repairedAt?: string, unitId = UNIT): LedgerEvent[] => [
  event('OutageStarted', startedAt, { unitId, outageId, system: 'license lookup' }),
  ...(repairedAt ? [event('OutageRepaired', repairedAt, { unitId, outageId })] : []),
];

export const fault = (faultRef: string, at = '2017-10-10T10:00:00+08:00', unitId = UNIT): LedgerEvent =>
  event('FrontEndFaultRecorded', at, { unitId, faultRef, note: '' });

export const streetMissing = (street: string, at = '2017-10-10T10:00:00+08:00', unitId = UNIT): LedgerEvent =>
  event('StreetNotOnboarded', at, { unitId, street });

export const retraction = (finding: LedgerEvent, at: string, extra = {}): LedgerEvent =>
  event('FindingRetracted', at, { unitId: (finding.data as { unitId: string }).unitId, findingEventId: finding.eventId, reason: 'recorded in error' }, extra);

export const notApplicable = (indicator: string, at = '2017-09-01T10:00:00+08:00', unitId = UNIT): LedgerEvent =>
  event('IndicatorNotApplicable', at, { unitId, indicator, reason: '不涉及' });

/** Every earned indicator measured at 100% or met, every batch on time: example 1's unit. */
export function fullMarks(unitId = UNIT): LedgerEvent[] {
  const events: LedgerEvent[] = [
    batch(1, '2017-04-20T10:00:00+08:00', unitId),
    batch(2, '2017-07-20T10:00:00+08:00', unitId),
    batch(3, '2017-10-20T10:00:00+08:00', unitId),
  ];
  for (const indicator of LC_2017.indicators) {
    if (indicator.kind !== 'earned') continue;
    if (indicator.feeds.includes('CriterionAssessed')) events.push(criterion(indicator.id, true, undefined, unitId));
    else events.push(metric(indicator.id, 200, 200, undefined, unitId));
  }
  return events;
}

export const options = (extra: Partial<EvaluateOptions> = {}): EvaluateOptions => ({
  rulebook: LC_2017,
  asOf: END_OF_YEAR,
  knownAt: KNOWN_LATER,
  ...extra,
});
