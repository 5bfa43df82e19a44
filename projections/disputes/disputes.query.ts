// Reads of the disputes read model.
import { formatInstant, getRulebook } from '../../libs/rulebook/src/index.js';
import type { Queryable } from '../projector/projection.js';

const OFFSET = getRulebook('lc-2017').utcOffsetMinutes;

export interface DisputeQuery {
  status?: 'open' | 'resolved';
  unitId?: string;
  /**
   * A lead's view: only disputes of `visibleTo.unitId` itself or naming a finding of one of `visibleTo.indicators`
   * (the indicator of each finding comes from the evidence index).
   */
  visibleTo?: { unitId: string; indicators: string[] };
  limit: number;
  offset?: number;
}

export interface DisputeRow {
  unitId: string;
  disputeId: string;
  status: 'open' | 'resolved';
  decision: 'upheld' | 'overturned' | null;
  findingEventIds: string[];
  grounds: string;
  filedAt: string;
  filedEventId: string;
  filedPosition: number;
  resolvedAt: string | null;
  resolvedEventId: string | null;
  resolutionNote: string | null;
}

export const MAX_DISPUTES_LIMIT = 1000;

/** Disputes in filing order, with the total that match (for paging). */
export async function listDisputes(q: Queryable, query: DisputeQuery): Promise<{ total: number; rows: DisputeRow[] }> {
  const where: string[] = [];
  const values: unknown[] = [];
  if (query.status !== undefined) {
    values.push(query.status);
    where.push(`status = $${values.length}`);
  }
  if (query.unitId !== undefined) {
    values.push(query.unitId);
    where.push(`unit_id = $${values.length}`);
  }
  if (query.visibleTo !== undefined) {
    values.push(query.visibleTo.unitId, query.visibleTo.indicators);
    where.push(`(unit_id = $${values.length - 1} OR EXISTS (
      SELECT 1 FROM evidence_index e WHERE e.event_id = ANY(disputes.finding_event_ids::uuid[]) AND e.indicator = ANY($${values.length}::text[])))`);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = Math.max(1, Math.min(Math.trunc(query.limit), MAX_DISPUTES_LIMIT));
  const offset = Math.max(0, Math.trunc(query.offset ?? 0));
  const { rows } = await q.query<{
    unit_id: string;
    dispute_id: string;
    status: 'open' | 'resolved';
    decision: 'upheld' | 'overturned' | null;
    finding_event_ids: string[];
    grounds: string;
    filed_at: Date;
    filed_event_id: string;
    filed_position: string;
    resolved_at: Date | null;
    resolved_event_id: string | null;
    resolution_note: string | null;
    total: string;
  }>(
    `SELECT *, count(*) OVER () AS total FROM disputes ${filter}
      ORDER BY filed_position LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
    [...values, limit, offset],
  );
  let total = rows.length ? Number(rows[0].total) : 0;
  if (rows.length === 0 && offset > 0) {
    const counted = await q.query<{ n: string }>(`SELECT count(*) AS n FROM disputes ${filter}`, values);
    total = Number(counted.rows[0].n);
  }
  return {
    total,
    rows: rows.map((r) => ({
      unitId: r.unit_id,
      disputeId: r.dispute_id,
      status: r.status,
      decision: r.decision,
      findingEventIds: r.finding_event_ids,
      grounds: r.grounds,
      // In the rulebook's offset, as every other time the API answers.
      filedAt: formatInstant(r.filed_at.getTime(), OFFSET),
      filedEventId: r.filed_event_id,
      filedPosition: Number(r.filed_position),
      resolvedAt: r.resolved_at ? formatInstant(r.resolved_at.getTime(), OFFSET) : null,
      resolvedEventId: r.resolved_event_id,
      resolutionNote: r.resolution_note,
    })),
  };
}
