// Writes the disputes read model: filings inserted (a second insert of the same dispute does nothing), then
// resolutions set once (a resolved dispute is not resolved again), so replaying an event changes nothing.
import type { StoredEvent } from '../../events/index.js';
import type { Projection, ProjectionTx } from '../projector/projection.js';
import { disputeChangesOf } from './disputes.evolve.js';

export const disputesProjection: Projection = {
  name: 'disputes',
  version: 1,

  async apply(batch: readonly StoredEvent[], tx: ProjectionTx): Promise<void> {
    const { filings, resolutions } = disputeChangesOf(batch);
    if (filings.length) {
      await tx.query(
        `INSERT INTO disputes (unit_id, dispute_id, status, finding_event_ids, grounds, filed_at, filed_event_id, filed_position)
         SELECT f.unit_id, f.dispute_id, 'open', ARRAY(SELECT jsonb_array_elements_text(f.ids::jsonb)), f.grounds,
                f.filed_at, f.filed_event_id, f.filed_position
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::uuid[], $7::bigint[])
             AS f(unit_id, dispute_id, ids, grounds, filed_at, filed_event_id, filed_position)
         ON CONFLICT (unit_id, dispute_id) DO NOTHING`,
        [
          filings.map((f) => f.unitId),
          filings.map((f) => f.disputeId),
          filings.map((f) => JSON.stringify(f.findingEventIds)),
          filings.map((f) => f.grounds),
          filings.map((f) => f.filedAt),
          filings.map((f) => f.filedEventId),
          filings.map((f) => f.filedPosition),
        ],
      );
    }
    if (resolutions.length) {
      await tx.query(
        `UPDATE disputes d SET status = 'resolved', decision = r.decision, resolution_note = r.note,
                resolved_at = r.resolved_at, resolved_event_id = r.resolved_event_id
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::uuid[])
             AS r(unit_id, dispute_id, decision, note, resolved_at, resolved_event_id)
          WHERE d.unit_id = r.unit_id AND d.dispute_id = r.dispute_id AND d.resolved_event_id IS NULL`,
        [
          resolutions.map((r) => r.unitId),
          resolutions.map((r) => r.disputeId),
          resolutions.map((r) => r.decision),
          resolutions.map((r) => r.note),
          resolutions.map((r) => r.resolvedAt),
          resolutions.map((r) => r.resolvedEventId),
        ],
      );
    }
  },

  async reset(tx: ProjectionTx): Promise<void> {
    await tx.query('TRUNCATE disputes');
  },
};
