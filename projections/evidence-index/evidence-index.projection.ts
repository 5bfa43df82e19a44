// Writes the evidence index in bulk: one multi-row INSERT (unnest) per batch, then one UPDATE per kind of effect.
// Idempotent: the INSERT skips events already indexed and only newly indexed events have effects.
import { disputeKey, type StoredEvent } from '../../events/index.js';
import { getRulebook } from '../../libs/rulebook/src/index.js';
import type { Projection, ProjectionContext, ProjectionTx } from '../projector/projection.js';
import {
  disputesByFinding,
  evidenceEffectsOf,
  evidenceRowOf,
  eventIdOf,
  firstRetractions,
  type EvidenceEffect,
  type EvidenceRow,
  type IndexedSoFar,
} from './evidence-index.evolve.js';

// The rulebook in force, as for the unit scores: it says which indicator each type of event feeds.
const RULEBOOK = getRulebook('lc-2017');

type Known = Pick<EvidenceRow, 'type' | 'indicator' | 'indicators'>;

/** Rows indexed before this batch that its retractions, disputes and resolutions refer to. */
async function indexedBefore(tx: ProjectionTx, batch: readonly StoredEvent[]): Promise<{ byId: Map<string, Known>; disputes: Map<string, string[]> }> {
  const ids = new Set<string>();
  const disputes: { u: string; d: string }[] = [];
  for (const e of batch) {
    if (e.type === 'FindingRetracted') {
      const id = eventIdOf(e.data.findingEventId);
      if (id) ids.add(id);
    } else if (e.type === 'DisputeFiled' && Array.isArray(e.data.findingEventIds)) {
      for (const id of e.data.findingEventIds.map(eventIdOf)) if (id) ids.add(id);
    } else if (e.type === 'DisputeResolved' && typeof e.data.unitId === 'string' && typeof e.data.disputeId === 'string') {
      disputes.push({ u: e.data.unitId, d: e.data.disputeId });
    }
  }
  const byId = new Map<string, Known>();
  if (ids.size > 0) {
    const { rows } = await tx.query<{ event_id: string; type: string; indicator: string | null; indicators: string[] }>(
      'SELECT event_id, type, indicator, indicators FROM evidence_index WHERE event_id = ANY($1::uuid[])',
      [[...ids]],
    );
    for (const r of rows) byId.set(r.event_id, { type: r.type, indicator: r.indicator, indicators: r.indicators });
  }
  const byDispute = new Map<string, string[]>();
  if (disputes.length > 0) {
    // Dispute ids may hold any character: passed as JSON, matched as text.
    const { rows } = await tx.query<{ unit_id: string; dispute_id: string; indicators: string[] }>(
      `SELECT e.unit_id, e.dispute_id, e.indicators FROM evidence_index e
         JOIN json_to_recordset($1::json) AS k(u text, d text) ON e.unit_id = k.u AND e.dispute_id = k.d
        WHERE e.type = 'DisputeFiled'`,
      [JSON.stringify(disputes)],
    );
    for (const r of rows) byDispute.set(disputeKey(r.unit_id, r.dispute_id), r.indicators);
  }
  return { byId, disputes: byDispute };
}

async function insertRows(tx: ProjectionTx, rows: EvidenceRow[], fresh: boolean): Promise<Set<number>> {
  // One JSON document per batch: JSON.stringify is native, while pg's array literals are built in JavaScript —
  // at 5000 rows a batch that difference is most of the rebuild's client time.
  const { rows: inserted } = await tx.query<{ position: string }>(
    `INSERT INTO evidence_index
       (position, event_id, type, unit_id, indicator, indicators, occurred_at, recorded_at, actor_unit_id, dispute_id, refers_to)
     SELECT r.p, r.e, r.t, r.u, r.i, coalesce(r.n, '{}'), r.o, r.r, r.a, r.d, coalesce(r.f, '{}')
       FROM json_to_recordset($1::json)
         AS r(p bigint, e uuid, t text, u text, i text, n text[], o timestamptz, r timestamptz, a text, d text, f uuid[])
     ${fresh ? '' : 'ON CONFLICT DO NOTHING RETURNING position'}`,
    [
      JSON.stringify(
        rows.map((r) => ({
          p: r.position,
          e: r.eventId,
          t: r.type,
          u: r.unitId,
          i: r.indicator,
          n: r.indicators.length ? r.indicators : null,
          o: r.occurredAt,
          r: r.recordedAt,
          a: r.actorUnitId,
          d: r.disputeId,
          f: r.refersTo.length ? r.refersTo : null,
        })),
      ),
    ],
  );
  // A rebuild inserts into an emptied table, each event once: no conflict to look for, every row is new.
  return fresh ? new Set(rows.map((r) => r.position)) : new Set(inserted.map((r) => Number(r.position)));
}

async function applyRetractions(tx: ProjectionTx, effects: EvidenceEffect[]): Promise<void> {
  const retractions = firstRetractions(effects);
  if (retractions.length === 0) return;
  await tx.query(
    `UPDATE evidence_index e SET retracted_by_event_id = r.by_event_id, retracted_at = r.at
       FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS r(finding, by_event_id, at)
      WHERE e.event_id = r.finding AND e.retracted_by_event_id IS NULL`,
    [retractions.map((r) => r.findingEventId), retractions.map((r) => r.byEventId), retractions.map((r) => r.at)],
  );
}

async function applyDisputes(tx: ProjectionTx, effects: EvidenceEffect[]): Promise<void> {
  const byFinding = disputesByFinding(effects);
  if (byFinding.size === 0) return;
  // Appends, in order, the dispute ids the row does not hold yet; a dispute id may hold any character, hence JSON.
  await tx.query(
    `UPDATE evidence_index e
        SET dispute_ids = e.dispute_ids || ARRAY(
              SELECT x.id FROM jsonb_array_elements_text(d.ids::jsonb) WITH ORDINALITY AS x(id, n)
               WHERE NOT (x.id = ANY(e.dispute_ids)) ORDER BY x.n),
            disputed = true
       FROM unnest($1::uuid[], $2::text[]) AS d(finding, ids)
      WHERE e.event_id = d.finding`,
    [[...byFinding.keys()], [...byFinding.values()].map((ids) => JSON.stringify(ids))],
  );
}

async function applyOverturns(tx: ProjectionTx, effects: EvidenceEffect[]): Promise<void> {
  const overturns = effects.filter((e): e is Extract<EvidenceEffect, { kind: 'overturn' }> => e.kind === 'overturn');
  if (overturns.length === 0) return;
  // The findings of a dispute are those its DisputeFiled row refers to; the earliest overturning resolution wins.
  await tx.query(
    `UPDATE evidence_index e SET overturned = true, overturned_by_event_id = o.by_event_id, overturned_at = o.at
       FROM (SELECT DISTINCT ON (f.finding) f.finding, r.by_event_id, r.at
               FROM unnest($1::text[], $2::text[], $3::uuid[], $4::timestamptz[], $5::bigint[])
                      AS r(unit_id, dispute_id, by_event_id, at, position)
               JOIN evidence_index filed
                 ON filed.unit_id = r.unit_id AND filed.dispute_id = r.dispute_id AND filed.type = 'DisputeFiled'
               CROSS JOIN LATERAL unnest(filed.refers_to) AS f(finding)
              ORDER BY f.finding, r.position) AS o
      WHERE e.event_id = o.finding AND e.overturned_by_event_id IS NULL`,
    [
      overturns.map((o) => o.unitId),
      overturns.map((o) => o.disputeId),
      overturns.map((o) => o.byEventId),
      overturns.map((o) => o.at),
      overturns.map((o) => o.position),
    ],
  );
}

export const evidenceIndexProjection: Projection = {
  name: 'evidence-index',
  // 2: rows carry every indicator their event is about (the trail answers from this index).
  version: 2,

  async apply(batch: readonly StoredEvent[], tx: ProjectionTx, context: ProjectionContext): Promise<void> {
    if (batch.length === 0) return;
    const before = await indexedBefore(tx, batch);
    const inBatch = new Map<string, Known>();
    const disputesInBatch = new Map<string, string[]>();
    const known: IndexedSoFar = {
      event: (id) => inBatch.get(id) ?? before.byId.get(id),
      disputeIndicators: (unitId, disputeId) =>
        disputesInBatch.get(disputeKey(unitId, disputeId)) ?? before.disputes.get(disputeKey(unitId, disputeId)) ?? [],
    };
    const rows: EvidenceRow[] = [];
    for (const event of batch) {
      const row = evidenceRowOf(event, known, RULEBOOK);
      inBatch.set(row.eventId, row);
      // The first filing of a dispute id counts (decide refuses a second one).
      const key = row.unitId !== null && row.disputeId !== null ? disputeKey(row.unitId, row.disputeId) : null;
      if (row.type === 'DisputeFiled' && key !== null && !disputesInBatch.has(key)) disputesInBatch.set(key, row.indicators);
      rows.push(row);
    }
    const inserted = await insertRows(tx, rows, context.mode === 'rebuild');
    const effects = batch.filter((e) => inserted.has(e.position)).flatMap(evidenceEffectsOf);
    if (effects.length === 0) return;
    await applyRetractions(tx, effects);
    await applyDisputes(tx, effects);
    await applyOverturns(tx, effects);
  },

  async reset(tx: ProjectionTx): Promise<void> {
    // TRUNCATE (granted to the app role by the migration) is transactional and far faster than DELETE at 1M rows.
    await tx.query('TRUNCATE evidence_index');
  },
};
