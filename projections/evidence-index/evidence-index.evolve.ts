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
  /**
   * Every indicator the event is about, as the trail filters and the read policy see it: its own (data.indicator or
   * the one its type feeds); for a retraction its finding's; for a dispute those of the findings it names; for a
   * resolution those of its dispute.
   */
  indicators: string[];
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

/** What a row needs to know about rows indexed before it (in this batch or already stored). */
export interface IndexedSoFar {
  /** The indexed event with this id, if any. */
  event(eventId: string): Pick<EvidenceRow, 'type' | 'indicator' | 'indicators'> | undefined;
  /** The indicators of a unit's dispute, from its DisputeFiled row; [] when unknown. */
  disputeIndicators(unitId: string, disputeId: string): string[];
}

const REFERRING_TYPES = new Set(['FindingRetracted', 'DisputeFiled', 'DisputeResolved']);

/** The indicators of a finding a retraction or a dispute names: none if it is unknown or is no finding. */
function findingIndicators(known: IndexedSoFar, eventId: string): string[] {
  const finding = known.event(eventId);
  return finding && !REFERRING_TYPES.has(finding.type) ? finding.indicators : [];
}

/** The event's row, given what was indexed before it. */
export function evidenceRowOf(event: StoredEvent, known: IndexedSoFar, rulebook: Rulebook): EvidenceRow {
  const data = event.data;
  // The rulebook says which indicator a type feeds when data does not name it (ListBatchPublished → 2.1 in lc-2017).
  let indicator: string | null = text(data.indicator) ?? indicatorForEvent(rulebook, event.type, data)?.id ?? null;
  let indicators: string[] = indicator === null ? [] : [indicator];
  let refersTo: string[] = [];
  const unitId = unitOf(event);
  const disputeId = event.type === 'DisputeFiled' || event.type === 'DisputeResolved' ? text(data.disputeId) : null;
  if (event.type === 'FindingRetracted') {
    const finding = eventIdOf(data.findingEventId);
    refersTo = finding ? [finding] : [];
    indicator = finding ? (known.event(finding)?.indicator ?? null) : null;
    indicators = finding ? findingIndicators(known, finding) : [];
  } else if (event.type === 'DisputeFiled') {
    refersTo = eventIdsOf(data.findingEventIds);
    indicators = [...new Set(refersTo.flatMap((id) => findingIndicators(known, id)))];
  } else if (event.type === 'DisputeResolved') {
    indicators = unitId !== null && disputeId !== null ? known.disputeIndicators(unitId, disputeId) : [];
  }
  return {
    position: event.position,
    eventId: event.eventId,
    type: event.type,
    unitId,
    indicator,
    indicators,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actorUnitId: event.actor.unitId,
    disputeId,
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
