// Reads of the evidence index: the trail (positions for paging; the API then fetches the envelopes from the store)
// and the links of one event.
import type { Queryable } from '../projector/projection.js';
import type { EvidenceRow } from './evidence-index.evolve.js';

export interface TrailQuery {
  unitId?: string;
  indicator?: string;
  type?: string;
  /** Bounds on occurredAt (valid time), inclusive, ISO 8601. */
  from?: string;
  to?: string;
  /** Paging: rows with a position above this one. */
  afterPosition?: number;
  limit: number;
  /**
   * Who reads, when not everything is theirs to read (the API's read policy): the rows about their own unit and those
   * about an indicator they lead. Undefined: every row.
   */
  readableBy?: { ownUnit: string; ledIndicators: string[] };
}

/** An indexed event: its own row plus what later events did to it. */
export interface EvidenceIndexRow extends EvidenceRow {
  retractedByEventId: string | null;
  retractedAt: string | null;
  disputeIds: string[];
  disputed: boolean;
  overturned: boolean;
  overturnedByEventId: string | null;
  overturnedAt: string | null;
}

export interface TrailPage {
  rows: EvidenceIndexRow[];
  /** The position to pass as afterPosition for the next page; null when this page is the last. */
  nextAfterPosition: number | null;
}

interface DbRow {
  position: string;
  event_id: string;
  type: string;
  unit_id: string | null;
  indicator: string | null;
  indicators: string[];
  occurred_at: Date;
  recorded_at: Date;
  actor_unit_id: string;
  dispute_id: string | null;
  refers_to: string[];
  retracted_by_event_id: string | null;
  retracted_at: Date | null;
  dispute_ids: string[];
  disputed: boolean;
  overturned: boolean;
  overturned_by_event_id: string | null;
  overturned_at: Date | null;
}

const COLUMNS = `position, event_id, type, unit_id, indicator, indicators, occurred_at, recorded_at, actor_unit_id, dispute_id,
  refers_to::text[] AS refers_to, retracted_by_event_id, retracted_at, dispute_ids, disputed, overturned,
  overturned_by_event_id, overturned_at`;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function toRow(r: DbRow): EvidenceIndexRow {
  return {
    position: Number(r.position),
    eventId: r.event_id,
    type: r.type,
    unitId: r.unit_id,
    indicator: r.indicator,
    indicators: r.indicators,
    occurredAt: r.occurred_at.toISOString(),
    recordedAt: r.recorded_at.toISOString(),
    actorUnitId: r.actor_unit_id,
    disputeId: r.dispute_id,
    refersTo: r.refers_to,
    retractedByEventId: r.retracted_by_event_id,
    retractedAt: iso(r.retracted_at),
    disputeIds: r.dispute_ids,
    disputed: r.disputed,
    overturned: r.overturned,
    overturnedByEventId: r.overturned_by_event_id,
    overturnedAt: iso(r.overturned_at),
  };
}

export const MAX_TRAIL_LIMIT = 1000;

/** The WHERE clause of a trail query (every filter but the paging cursor) and its parameters. */
function trailWhere(query: Omit<TrailQuery, 'limit' | 'afterPosition'>): { where: string[]; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (sql: (param: string) => string, value: unknown) => {
    values.push(value);
    where.push(sql(`$${values.length}`));
  };
  if (query.unitId !== undefined) add((p) => `unit_id = ${p}`, query.unitId);
  if (query.indicator !== undefined) add((p) => `${p} = ANY(indicators)`, query.indicator);
  if (query.type !== undefined) add((p) => `type = ${p}`, query.type);
  if (query.from !== undefined) add((p) => `occurred_at >= ${p}::timestamptz`, query.from);
  if (query.to !== undefined) add((p) => `occurred_at <= ${p}::timestamptz`, query.to);
  const reader = query.readableBy;
  if (reader !== undefined) {
    if (reader.ledIndicators.length === 0) add((p) => `unit_id = ${p}`, reader.ownUnit);
    else {
      values.push(reader.ownUnit);
      const own = `$${values.length}`;
      add((p) => `(unit_id = ${own} OR indicators && ${p}::text[])`, reader.ledIndicators);
    }
  }
  return { where, values };
}

export async function findTrail(q: Queryable, query: TrailQuery): Promise<TrailPage> {
  const { where, values } = trailWhere(query);
  if (query.afterPosition !== undefined) {
    values.push(query.afterPosition);
    where.push(`position > $${values.length}`);
  }
  const limit = Math.max(1, Math.min(Math.trunc(query.limit), MAX_TRAIL_LIMIT));
  // One row more than asked tells whether another page follows.
  values.push(limit + 1);
  const { rows } = await q.query<DbRow>(
    `SELECT ${COLUMNS} FROM evidence_index ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY position LIMIT $${values.length}`,
    values,
  );
  const page = rows.slice(0, limit).map(toRow);
  return { rows: page, nextAfterPosition: rows.length > limit ? page[page.length - 1].position : null };
}

/** How many rows the trail query matches over all its pages (a count over the index: cheap within one unit). */
export async function countTrail(q: Queryable, query: Omit<TrailQuery, 'limit' | 'afterPosition'>): Promise<number> {
  const { where, values } = trailWhere(query);
  const { rows } = await q.query<{ n: string }>(
    `SELECT count(*) AS n FROM evidence_index ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    values,
  );
  return Number(rows[0].n);
}

export interface EventLinks {
  event: EvidenceIndexRow;
  /** For a finding: the DisputeFiled rows naming it and their DisputeResolved rows. For a dispute event: its filing and resolution. */
  disputes: { disputeId: string; filed: EvidenceIndexRow | null; resolved: EvidenceIndexRow | null }[];
  /** For a finding: the FindingRetracted row that retracted it. */
  retraction: EvidenceIndexRow | null;
  /** For a retraction or a dispute: the findings it names. */
  findings: EvidenceIndexRow[];
}

/** The links of one event, or null when the index does not hold it. */
export async function findLinks(q: Queryable, eventId: string): Promise<EventLinks | null> {
  const { rows } = await q.query<DbRow>(`SELECT ${COLUMNS} FROM evidence_index WHERE event_id = $1::uuid`, [eventId]);
  if (rows.length === 0) return null;
  const event = toRow(rows[0]);
  const disputeIds = event.disputeId !== null ? [event.disputeId] : event.disputeIds;
  let disputes: EventLinks['disputes'] = [];
  if (disputeIds.length && event.unitId !== null) {
    const { rows: disputeRows } = await q.query<DbRow>(
      `SELECT ${COLUMNS} FROM evidence_index
        WHERE unit_id = $1 AND dispute_id = ANY($2::text[]) AND type IN ('DisputeFiled', 'DisputeResolved')
        ORDER BY position`,
      [event.unitId, disputeIds],
    );
    const linked = disputeRows.map(toRow);
    disputes = disputeIds.map((disputeId) => ({
      disputeId,
      filed: linked.find((r) => r.disputeId === disputeId && r.type === 'DisputeFiled') ?? null,
      resolved: linked.find((r) => r.disputeId === disputeId && r.type === 'DisputeResolved') ?? null,
    }));
  }
  const findingIds = event.type === 'DisputeResolved' ? (disputes[0]?.filed?.refersTo ?? []) : event.refersTo;
  const lookup = [...findingIds, ...(event.retractedByEventId ? [event.retractedByEventId] : [])];
  const { rows: others } = lookup.length
    ? await q.query<DbRow>(`SELECT ${COLUMNS} FROM evidence_index WHERE event_id = ANY($1::uuid[]) ORDER BY position`, [lookup])
    : { rows: [] as DbRow[] };
  const linked = others.map(toRow);
  return {
    event,
    disputes,
    retraction: linked.find((r) => r.eventId === event.retractedByEventId) ?? null,
    findings: linked.filter((r) => findingIds.includes(r.eventId)),
  };
}
