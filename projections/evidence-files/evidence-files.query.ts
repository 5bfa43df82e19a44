// Reads of the file-reference read model.
import type { Queryable } from '../projector/projection.js';

export interface FileReference {
  sha256: string;
  eventId: string;
  position: number;
  unitId: string | null;
}

/** The events that reference any of `hashes`, in position order. */
export async function referencesOf(db: Queryable, hashes: readonly string[]): Promise<FileReference[]> {
  if (hashes.length === 0) return [];
  const { rows } = await db.query<{ sha256: string; event_id: string; position: string; unit_id: string | null }>(
    'SELECT sha256, event_id, position, unit_id FROM evidence_file_refs WHERE sha256 = ANY($1::text[]) ORDER BY position',
    [[...hashes]],
  );
  return rows.map((r) => ({ sha256: r.sha256, eventId: r.event_id, position: Number(r.position), unitId: r.unit_id }));
}

export interface OrphanFile {
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
  storedAt: string;
  uploaders: string[];
}

/** Uploaded files no event references (kept: a later event may still name them). */
export async function orphanFiles(db: Queryable): Promise<OrphanFile[]> {
  const { rows } = await db.query<{ sha256: string; size: string; media_type: string; file_name: string; stored_at: Date; uploaders: string[] }>(
    `SELECT f.sha256, f.size, f.media_type, f.file_name, f.stored_at,
            ARRAY(SELECT u.unit_id FROM evidence_uploads u WHERE u.sha256 = f.sha256 ORDER BY u.uploaded_at, u.unit_id) AS uploaders
       FROM evidence_files f
      WHERE NOT EXISTS (SELECT 1 FROM evidence_file_refs r WHERE r.sha256 = f.sha256)
      ORDER BY f.stored_at, f.sha256`,
  );
  return rows.map((r) => ({ sha256: r.sha256, size: Number(r.size), mediaType: r.media_type, fileName: r.file_name, storedAt: r.stored_at.toISOString(), uploaders: r.uploaders }));
}
