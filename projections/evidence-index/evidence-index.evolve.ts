// Pure: what one event contributes to the evidence index — its own row, and its effects on the rows of the
// findings it names (a retraction, a dispute, an overturning resolution). No database, no clock.
import type { StoredEvent } from '../../events/index.js';
import { indicatorForEvent, type Rulebook } from '../../libs/rulebook/src/index.js';

export interface EvidenceRow {
  position: number;
  eventId: string;
  type: string;
  unitId: string | null;
  indicator: string | null;
  occurredAt: string;
  recordedAt: string;
  actorUnitId: string;
  /** DisputeFiled / DisputeResolved: the dispute's id (unique within its unit). */
  disputeId: string | null;
  /** The events this one names: a retraction's finding, a dispute's findings. */
  refersTo: string[];
}

export type EvidenceEffect =
  | { kind: 'retract'; findingEventId: string; byEventId: string; at: string; position: number }
  | { kind: 'dispute'; findingEventId: string; unitId: string; disputeId: string; position: number }
  | { kind: 'overturn'; unitId: string; disputeId: string; byEventId: string; at: string; position: number };

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Event ids as the store keeps them (lower case); anything that is not a UUID names no stored event. */
export function eventIdOf(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}

function eventIdsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.map(eventIdOf).filter((id): id is string => id !== null))];
}

/** The unit an event is about (assessment-level events have none). */
function unitOf(event: StoredEvent): string | null {
  if (event.type === 'AssessmentOpened' || event.type === 'ResultsPublished') return null;
  return text(event.data.unitId);
}

/**
 * The event's row. `indicatorOfFinding` answers a retraction's indicator from the finding it retracts (in this
 * batch or already indexed); null when unknown.
 */
export function evidenceRowOf(event: StoredEvent, indicatorOfFinding: (eventId: string) => string | null, rulebook: Rulebook): EvidenceRow {
  const data = event.data;
  // The rulebook says which indicator a type feeds when data does not name it (ListBatchPublished → 2.1 in lc-2017).
  let indicator: string | null = text(data.indicator) ?? indicatorForEvent(rulebook, event.type, data)?.id ?? null;
  let refersTo: string[] = [];
  if (event.type === 'FindingRetracted') {
    const finding = eventIdOf(data.findingEventId);
    refersTo = finding ? [finding] : [];
    indicator = finding ? indicatorOfFinding(finding) : null;
  } else if (event.type === 'DisputeFiled') {
    refersTo = eventIdsOf(data.findingEventIds);
  }
  const isDispute = event.type === 'DisputeFiled' || event.type === 'DisputeResolved';
  return {
    position: event.position,
    eventId: event.eventId,
    type: event.type,
    unitId: unitOf(event),
    indicator,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actorUnitId: event.actor.unitId,
    disputeId: isDispute ? text(data.disputeId) : null,
    refersTo,
  };
}

export function evidenceEffectsOf(event: StoredEvent): EvidenceEffect[] {
  const data = event.data;
  const unitId = text(data.unitId);
  switch (event.type) {
    case 'FindingRetracted': {
      const finding = eventIdOf(data.findingEventId);
      return finding ? [{ kind: 'retract', findingEventId: finding, byEventId: event.eventId, at: event.occurredAt, position: event.position }] : [];
    }
    case 'DisputeFiled': {
      const disputeId = text(data.disputeId);
      if (!unitId || !disputeId) return [];
      return eventIdsOf(data.findingEventIds).map((findingEventId) => ({ kind: 'dispute', findingEventId, unitId, disputeId, position: event.position }));
    }
    case 'DisputeResolved': {
      const disputeId = text(data.disputeId);
      if (data.decision !== 'overturned' || !unitId || !disputeId) return [];
      return [{ kind: 'overturn', unitId, disputeId, byEventId: event.eventId, at: event.occurredAt, position: event.position }];
    }
    default:
      return [];
  }
}

/** The first retraction of each finding wins (the finding stops counting from the earliest). */
export function firstRetractions(effects: readonly EvidenceEffect[]): Extract<EvidenceEffect, { kind: 'retract' }>[] {
  const seen = new Map<string, Extract<EvidenceEffect, { kind: 'retract' }>>();
  for (const e of effects) if (e.kind === 'retract' && !seen.has(e.findingEventId)) seen.set(e.findingEventId, e);
  return [...seen.values()];
}

/** Per finding, the disputes naming it, in position order, each once. */
export function disputesByFinding(effects: readonly EvidenceEffect[]): Map<string, string[]> {
  const byFinding = new Map<string, string[]>();
  for (const e of effects) {
    if (e.kind !== 'dispute') continue;
    const list = byFinding.get(e.findingEventId) ?? [];
    if (!list.includes(e.disputeId)) list.push(e.disputeId);
    byFinding.set(e.findingEventId, list);
  }
  return byFinding;
}
