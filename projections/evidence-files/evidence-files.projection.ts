// Which events reference which uploaded file: what the download's read policy and `ledger evidence orphans` ask.
// Idempotent: a reference already in the rows is skipped.
import type { Projection, ProjectionTx } from '../projector/projection.js';
import { fileRefsOf } from './evidence-files.evolve.js';

export const evidenceFilesProjection: Projection = {
  name: 'evidence-files',
  version: 1,
  async apply(batch, tx: ProjectionTx) {
    const rows = batch.flatMap(fileRefsOf);
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO evidence_file_refs (sha256, event_id, position, unit_id)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::bigint[], $4::text[]) ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.sha256), rows.map((r) => r.eventId), rows.map((r) => r.position), rows.map((r) => r.unitId)],
    );
  },
  async reset(tx: ProjectionTx) {
    await tx.query('DELETE FROM evidence_file_refs');
  },
};
