// Stream ids of the ledger. A unit's facts share one stream so a unit's history is one read and one
// optimistic-concurrency guard; assessment-level facts (opening, publication) have their own stream.
import { ASSESSMENT_OPENED, RESULTS_PUBLISHED } from '../../../events/index.js';

export interface StreamAddressable {
  type: string;
  data: Record<string, unknown>;
}

const ASSESSMENT_LEVEL = new Set<string>([ASSESSMENT_OPENED, RESULTS_PUBLISHED]);

/** The assessed unit an event is about, or null for assessment-level events. */
export function unitIdOf(event: StreamAddressable): string | null {
  if (ASSESSMENT_LEVEL.has(event.type)) return null;
  const unitId = event.data.unitId;
  return typeof unitId === 'string' ? unitId : null;
}

export function unitStreamId(unitId: string): string {
  return `unit-${unitId}`;
}

export function assessmentStreamId(assessmentId: string): string {
  return `assessment-${assessmentId}`;
}

/** `unit-<unitId>` for events about a unit, `assessment-<assessmentId>` for AssessmentOpened and ResultsPublished. */
export function streamIdFor(event: StreamAddressable): string {
  if (ASSESSMENT_LEVEL.has(event.type)) {
    const assessmentId = event.data.assessmentId;
    if (typeof assessmentId !== 'string') throw new Error(`${event.type} has no data.assessmentId to place it in a stream`);
    return assessmentStreamId(assessmentId);
  }
  const unitId = unitIdOf(event);
  if (unitId === null) throw new Error(`${event.type} has no data.unitId to place it in a stream`);
  return unitStreamId(unitId);
}
