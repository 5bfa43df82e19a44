// The indicators an event is about, for filtering the trail: its data.indicator, else the one its type feeds
// (ListBatchPublished → 2.1 …); for a retraction the indicator of the finding it retracts; for a dispute those of
// the findings it names, and for a resolution those of its dispute.
import { disputeKey, type LedgerEvent } from '../../../events/index.js';
import { indicatorForEvent, type Rulebook } from '../../../libs/rulebook/src/index.js';

export interface EventLookup {
  byId: ReadonlyMap<string, LedgerEvent>;
  /** disputeKey(unitId, disputeId) → the DisputeFiled event. */
  disputes: ReadonlyMap<string, LedgerEvent>;
}

export function indexForLookup(events: Iterable<LedgerEvent>, into: { byId: Map<string, LedgerEvent>; disputes: Map<string, LedgerEvent> }): void {
  for (const e of events) {
    into.byId.set(e.eventId, e);
    if (e.type === 'DisputeFiled') into.disputes.set(disputeKey(String(e.data.unitId), String(e.data.disputeId)), e);
  }
}

export function indicatorsOfEvent(event: LedgerEvent, rulebook: Rulebook, known: EventLookup): string[] {
  if (typeof event.data.indicator === 'string') return [event.data.indicator];
  const ofFindings = (ids: unknown[]): string[] => [
    ...new Set(
      ids.flatMap((id) => {
        const finding = known.byId.get(String(id));
        return finding && !['FindingRetracted', 'DisputeFiled', 'DisputeResolved'].includes(finding.type)
          ? indicatorsOfEvent(finding, rulebook, known)
          : [];
      }),
    ),
  ];
  switch (event.type) {
    case 'FindingRetracted':
      return ofFindings([event.data.findingEventId]);
    case 'DisputeFiled':
      return ofFindings(Array.isArray(event.data.findingEventIds) ? event.data.findingEventIds : []);
    case 'DisputeResolved': {
      const filed = known.disputes.get(disputeKey(String(event.data.unitId), String(event.data.disputeId)));
      return filed ? indicatorsOfEvent(filed, rulebook, known) : [];
    }
    default: {
      const fed = indicatorForEvent(rulebook, event.type, event.data);
      return fed ? [fed.id] : [];
    }
  }
}
