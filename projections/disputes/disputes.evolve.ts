// Pure: the dispute rows a batch files and the resolutions it records. A dispute id is unique within its unit.
import { disputeKey, type StoredEvent } from '../../events/index.js';

export interface DisputeFiling {
  unitId: string;
  disputeId: string;
  findingEventIds: string[];
  grounds: string;
  filedAt: string;
  filedEventId: string;
  filedPosition: number;
}

export interface DisputeResolution {
  unitId: string;
  disputeId: string;
  decision: 'upheld' | 'overturned';
  note: string;
  resolvedAt: string;
  resolvedEventId: string;
}

export interface DisputeChanges {
  filings: DisputeFiling[];
  /** The first resolution of each dispute in the batch (decide refuses a second one). */
  resolutions: DisputeResolution[];
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

// Only UUIDs can name stored events; the read side casts finding_event_ids to uuid[].
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function disputeChangesOf(batch: readonly StoredEvent[]): DisputeChanges {
  const filings: DisputeFiling[] = [];
  const resolutions = new Map<string, DisputeResolution>();
  for (const event of batch) {
    const unitId = text(event.data.unitId);
    const disputeId = text(event.data.disputeId);
    if (!unitId || !disputeId) continue;
    if (event.type === 'DisputeFiled') {
      const ids = Array.isArray(event.data.findingEventIds) ? event.data.findingEventIds : [];
      filings.push({
        unitId,
        disputeId,
        findingEventIds: ids.filter((id): id is string => typeof id === 'string' && UUID.test(id)).map((id) => id.toLowerCase()),
        grounds: text(event.data.grounds) ?? '',
        filedAt: event.occurredAt,
        filedEventId: event.eventId,
        filedPosition: event.position,
      });
    } else if (event.type === 'DisputeResolved') {
      const decision = event.data.decision;
      if (decision !== 'upheld' && decision !== 'overturned') continue;
      const key = disputeKey(unitId, disputeId);
      if (resolutions.has(key)) continue;
      resolutions.set(key, {
        unitId,
        disputeId,
        decision,
        note: text(event.data.note) ?? '',
        resolvedAt: event.occurredAt,
        resolvedEventId: event.eventId,
      });
    }
  }
  return { filings, resolutions: [...resolutions.values()] };
}
