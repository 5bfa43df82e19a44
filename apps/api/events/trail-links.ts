// Each event of the trail carries its links from the evidence index: the retraction that withdrew it, the disputes
// naming it and the resolution that overturned it, so a reader of a finding sees its whole story at once.
import type { StoredEvent } from '../../../events/index.js';
import type { Queryable } from '../../../projections/index.js';

export interface TrailLinks {
  retractedBy: string | null;
  disputes: string[];
  overturnedBy: string | null;
}

export async function withLinks(q: Queryable, events: StoredEvent[]): Promise<(StoredEvent & { links: TrailLinks })[]> {
  if (events.length === 0) return [];
  const { rows } = await q.query<{ event_id: string; retracted_by_event_id: string | null; dispute_ids: string[]; overturned_by_event_id: string | null }>(
    'SELECT event_id, retracted_by_event_id, dispute_ids, overturned_by_event_id FROM evidence_index WHERE event_id = ANY($1::uuid[])',
    [events.map((e) => e.eventId)],
  );
  const byId = new Map(rows.map((r) => [r.event_id, r]));
  return events.map((e) => {
    const r = byId.get(e.eventId);
    return { ...e, links: { retractedBy: r?.retracted_by_event_id ?? null, disputes: r?.dispute_ids ?? [], overturnedBy: r?.overturned_by_event_id ?? null } };
  });
}
