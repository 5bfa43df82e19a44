// The projector's quarantine: events no read model can use (a date an older version stored unchecked) are passed
// over and named in unusable_events, in the transaction that moves the checkpoints past them, so a bad row never
// stops the projector nor makes a read answer 500, and /health still names it after a restart (issue 10).
import { unusableEventReason, type StoredEvent } from '../../events/index.js';
import type { Queryable } from './projection.js';

export interface UnusableSplit {
  usable: StoredEvent[];
  unusable: { position: number; eventId: string; type: string; reason: string }[];
}

export function splitUnusable(batch: readonly StoredEvent[]): UnusableSplit {
  const usable: StoredEvent[] = [];
  const unusable: UnusableSplit['unusable'] = [];
  for (const event of batch) {
    const reason = unusableEventReason(event);
    if (reason === undefined) usable.push(event);
    else unusable.push({ position: event.position, eventId: event.eventId, type: event.type, reason });
  }
  return { usable, unusable };
}

/** Idempotent: a batch applied twice (retry, second projector process) names each event once. */
export async function recordUnusable(q: Queryable, unusable: UnusableSplit['unusable']): Promise<void> {
  if (unusable.length === 0) return;
  await q.query(
    `INSERT INTO unusable_events (position, event_id, type, reason)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) ON CONFLICT (position) DO NOTHING`,
    [unusable.map((u) => u.position), unusable.map((u) => u.eventId), unusable.map((u) => u.type), unusable.map((u) => u.reason)],
  );
}

export interface UnusableSummary {
  count: number;
  /** The first few, by position. */
  events: { position: number; eventId: string; type: string; reason: string }[];
}

export async function readUnusable(q: Queryable, limit = 20): Promise<UnusableSummary> {
  const { rows } = await q.query<{ position: string; event_id: string; type: string; reason: string; total: string }>(
    `SELECT position, event_id, type, reason, count(*) OVER () AS total FROM unusable_events ORDER BY position LIMIT $1`,
    [limit],
  );
  return {
    count: rows.length ? Number(rows[0].total) : 0,
    events: rows.map((r) => ({ position: Number(r.position), eventId: r.event_id, type: r.type, reason: r.reason })),
  };
}
