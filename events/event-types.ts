// The union of every event type of spec/events.md §2 and the registry keyed by type + schemaVersion.
import { ASSESSMENT_OPENED, AssessmentOpenedDataV1, type AssessmentOpened } from './assessment-opened.event.js';
import { CRITERION_ASSESSED, CriterionAssessedDataV1, type CriterionAssessed } from './criterion-assessed.event.js';
import { DISPUTE_FILED, DisputeFiledDataV1, type DisputeFiled } from './dispute-filed.event.js';
import { DISPUTE_RESOLVED, DisputeResolvedDataV1, type DisputeResolved } from './dispute-resolved.event.js';
import { FINDING_RETRACTED, FindingRetractedDataV1, type FindingRetracted } from './finding-retracted.event.js';
import {
  FRONT_END_FAULT_RECORDED,
  FrontEndFaultRecordedDataV1,
  type FrontEndFaultRecorded,
} from './front-end-fault-recorded.event.js';
import {
  INDICATOR_NOT_APPLICABLE,
  IndicatorNotApplicableDataV1,
  type IndicatorNotApplicable,
} from './indicator-not-applicable.event.js';
import { LIST_BATCH_PUBLISHED, ListBatchPublishedDataV1, type ListBatchPublished } from './list-batch-published.event.js';
import { METRIC_MEASURED, MetricMeasuredDataV1, type MetricMeasured } from './metric-measured.event.js';
import { OUTAGE_REPAIRED, OutageRepairedDataV1, type OutageRepaired } from './outage-repaired.event.js';
import { OUTAGE_STARTED, OutageStartedDataV1, type OutageStarted } from './outage-started.event.js';
import { RESULTS_PUBLISHED, ResultsPublishedDataV1, ResultsPublishedDataV2, type ResultsPublished } from './results-published.event.js';
import {
  SELF_ASSESSMENT_SUBMITTED,
  SelfAssessmentSubmittedDataV1,
  type SelfAssessmentSubmitted,
} from './self-assessment-submitted.event.js';
import { SPOT_CHECK_RECORDED, SpotCheckRecordedDataV1, type SpotCheckRecorded } from './spot-check-recorded.event.js';
import { STREET_NOT_ONBOARDED, StreetNotOnboardedDataV1, type StreetNotOnboarded } from './street-not-onboarded.event.js';
import {
  TASK_INCOMPLETE_FOUND,
  TaskIncompleteFoundDataV1,
  type TaskIncompleteFound,
} from './task-incomplete-found.event.js';
import { UNIT_REGISTERED, UnitRegisteredDataV1, type UnitRegistered } from './unit-registered.event.js';

export type AssessmentEvent =
  | AssessmentOpened
  | UnitRegistered
  | TaskIncompleteFound
  | ListBatchPublished
  | MetricMeasured
  | SpotCheckRecorded
  | StreetNotOnboarded
  | FrontEndFaultRecorded
  | CriterionAssessed
  | OutageStarted
  | OutageRepaired
  | IndicatorNotApplicable
  | FindingRetracted
  | DisputeFiled
  | DisputeResolved
  | SelfAssessmentSubmitted
  | ResultsPublished;

export type EventType = AssessmentEvent['type'];
export type EventOfType<T extends EventType> = Extract<AssessmentEvent, { type: T }>;

export interface EventDefinition {
  type: EventType;
  schemaVersion: number;
  /** class-validator class describing `data` at this version. */
  dataClass: new () => object;
  /** Reference data (no evidence needed) as opposed to findings. */
  referenceData: boolean;
}

const define = (type: EventType, dataClass: new () => object, referenceData = false): EventDefinition => ({
  type,
  schemaVersion: 1,
  dataClass,
  referenceData,
});

export const EVENT_DEFINITIONS: readonly EventDefinition[] = [
  define(ASSESSMENT_OPENED, AssessmentOpenedDataV1, true),
  define(UNIT_REGISTERED, UnitRegisteredDataV1, true),
  define(TASK_INCOMPLETE_FOUND, TaskIncompleteFoundDataV1),
  define(LIST_BATCH_PUBLISHED, ListBatchPublishedDataV1),
  define(METRIC_MEASURED, MetricMeasuredDataV1),
  define(SPOT_CHECK_RECORDED, SpotCheckRecordedDataV1),
  define(STREET_NOT_ONBOARDED, StreetNotOnboardedDataV1),
  define(FRONT_END_FAULT_RECORDED, FrontEndFaultRecordedDataV1),
  define(CRITERION_ASSESSED, CriterionAssessedDataV1),
  define(OUTAGE_STARTED, OutageStartedDataV1),
  define(OUTAGE_REPAIRED, OutageRepairedDataV1),
  define(INDICATOR_NOT_APPLICABLE, IndicatorNotApplicableDataV1),
  define(FINDING_RETRACTED, FindingRetractedDataV1),
  define(DISPUTE_FILED, DisputeFiledDataV1),
  define(DISPUTE_RESOLVED, DisputeResolvedDataV1),
  define(SELF_ASSESSMENT_SUBMITTED, SelfAssessmentSubmittedDataV1, true),
  define(RESULTS_PUBLISHED, ResultsPublishedDataV1, true),
  { ...define(RESULTS_PUBLISHED, ResultsPublishedDataV2, true), schemaVersion: 2 },
];

const registry = new Map(EVENT_DEFINITIONS.map((d) => [registryKey(d.type, d.schemaVersion), d]));

export function registryKey(type: string, schemaVersion: number): string {
  return `${type}@${schemaVersion}`;
}

export function findDefinition(type: string, schemaVersion: number): EventDefinition | undefined {
  return registry.get(registryKey(type, schemaVersion));
}

export function isKnownType(type: string): type is EventType {
  return EVENT_DEFINITIONS.some((d) => d.type === type);
}

export function latestSchemaVersion(type: EventType): number {
  return Math.max(...EVENT_DEFINITIONS.filter((d) => d.type === type).map((d) => d.schemaVersion));
}
