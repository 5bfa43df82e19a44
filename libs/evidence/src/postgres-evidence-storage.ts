// Evidence files in PostgreSQL: the bytes in 256 KiB chunk rows (a download reads a few at a time, so neither side
// holds a whole file), a file row per distinct SHA-256, an upload row per unit that sent it. All append-only
// (migration 1767225606000). An upload writes its chunks under a fresh content id inside a savepoint; when the
// bytes turn out to be stored already, the savepoint is rolled back and only the upload row stays.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from '../../persistence/src/transaction.js';
import type { EvidenceStorage, FileUpload, StoredFile, UploadRecord } from './evidence-storage.port.js';

export const CHUNK_BYTES = 256 * 1024;
const CHUNKS_PER_READ = 2;

interface FileRow {
  sha256: string;
  size: string;
  media_type: string;
  file_name: string;
}

const toFile = (r: FileRow): StoredFile => ({ sha256: r.sha256, size: Number(r.size), mediaType: r.media_type, fileName: r.file_name });

export class PostgresEvidenceStorage implements EvidenceStorage {
  constructor(private readonly pool: pg.Pool) {}

  async put(source: AsyncIterable<Buffer>, seal: () => { sha256: string; size: number }, upload: FileUpload): Promise<{ file: StoredFile; created: boolean }> {
    return inTransaction(this.pool, async (client) => {
      const contentId = randomUUID();
      await client.query('SAVEPOINT content');
      // One buffer per upload, refilled: the bytes pass through without a new allocation per row. It is safe to
      // refill once the INSERT has answered, as the driver has sent it by then.
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      let filled = 0;
      let seq = 0;
      const insert = (data: Buffer) => client.query('INSERT INTO evidence_chunks (content_id, seq, data) VALUES ($1, $2, $3)', [contentId, seq++, data]);
      for await (const piece of source) {
        for (let offset = 0; offset < piece.length; ) {
          const copied = piece.copy(chunk, filled, offset);
          filled += copied;
          offset += copied;
          if (filled === CHUNK_BYTES) {
            await insert(chunk);
            filled = 0;
          }
        }
      }
      if (filled > 0) await insert(chunk.subarray(0, filled));
      const { sha256, size } = seal();
      const inserted = await client.query<FileRow>(
        `INSERT INTO evidence_files (sha256, content_id, size, chunk_count, media_type, file_name)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING
         RETURNING sha256, size, media_type, file_name`,
        [sha256, contentId, size, seq, upload.mediaType, upload.fileName],
      );
      const created = inserted.rows.length === 1;
      if (!created) await client.query('ROLLBACK TO SAVEPOINT content');
      await client.query(
        `INSERT INTO evidence_uploads (sha256, unit_id, user_id, file_name, media_type, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, coalesce($6::timestamptz, now())) ON CONFLICT DO NOTHING`,
        [sha256, upload.uploader.unitId, upload.uploader.userId, upload.fileName, upload.mediaType, upload.uploadedAt ?? null],
      );
      const file = created ? toFile(inserted.rows[0]) : (await this.findWith(client, sha256))!;
      return { file, created };
    });
  }

  find(sha256: string): Promise<StoredFile | null> {
    return this.findWith(this.pool, sha256);
  }

  async findMany(hashes: readonly string[]): Promise<Map<string, StoredFile>> {
    if (hashes.length === 0) return new Map();
    const { rows } = await this.pool.query<FileRow>('SELECT sha256, size, media_type, file_name FROM evidence_files WHERE sha256 = ANY($1::text[])', [[...hashes]]);
    return new Map(rows.map((r) => [r.sha256, toFile(r)]));
  }

  private async findWith(db: pg.Pool | pg.PoolClient, sha256: string): Promise<StoredFile | null> {
    const { rows } = await db.query<FileRow>('SELECT sha256, size, media_type, file_name FROM evidence_files WHERE sha256 = $1', [sha256]);
    return rows.length === 1 ? toFile(rows[0]) : null;
  }

  async *read(sha256: string): AsyncIterable<Buffer> {
    const { rows } = await this.pool.query<{ content_id: string; chunk_count: number }>(
      'SELECT content_id, chunk_count FROM evidence_files WHERE sha256 = $1',
      [sha256],
    );
    if (rows.length === 0) return;
    const { content_id: contentId, chunk_count: count } = rows[0];
    for (let from = 0; from < count; from += CHUNKS_PER_READ) {
      // (Text results: pg decodes bytea hex natively; its binary mode would pass the bytes through a UTF-8 string.)
      const chunks = await this.pool.query<{ seq: number; data: Buffer }>(
        'SELECT seq, data FROM evidence_chunks WHERE content_id = $1 AND seq >= $2 AND seq < $3 ORDER BY seq',
        [contentId, from, from + CHUNKS_PER_READ],
      );
      for (const [i, chunk] of chunks.rows.entries()) {
        // A missing chunk is damage verify reports; a reader gets a short file and the hash tells.
        if (chunk.seq !== from + i) return;
        yield chunk.data;
      }
    }
  }

  async uploadedBy(unitId: string, hashes: readonly string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const { rows } = await this.pool.query<{ sha256: string }>('SELECT sha256 FROM evidence_uploads WHERE unit_id = $1 AND sha256 = ANY($2::text[])', [
      unitId,
      [...hashes],
    ]);
    return new Set(rows.map((r) => r.sha256));
  }

  async existing(hashes: readonly string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const { rows } = await this.pool.query<{ sha256: string }>('SELECT sha256 FROM evidence_files WHERE sha256 = ANY($1::text[])', [[...hashes]]);
    return new Set(rows.map((r) => r.sha256));
  }

  async list(after: string | null = null, limit = 1000): Promise<StoredFile[]> {
    const { rows } = await this.pool.query<FileRow>(
      'SELECT sha256, size, media_type, file_name FROM evidence_files WHERE $1::text IS NULL OR sha256 > $1 ORDER BY sha256 LIMIT $2',
      [after, limit],
    );
    return rows.map(toFile);
  }

  async uploads(sha256: string): Promise<UploadRecord[]> {
    const { rows } = await this.pool.query<{ sha256: string; unit_id: string; user_id: string; file_name: string; media_type: string; uploaded_at: Date }>(
      'SELECT sha256, unit_id, user_id, file_name, media_type, uploaded_at FROM evidence_uploads WHERE sha256 = $1 ORDER BY uploaded_at, unit_id',
      [sha256],
    );
    return rows.map((r) => ({ sha256: r.sha256, unitId: r.unit_id, userId: r.user_id, fileName: r.file_name, mediaType: r.media_type, uploadedAt: r.uploaded_at.toISOString() }));
  }

  async recordUpload(record: UploadRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO evidence_uploads (sha256, unit_id, user_id, file_name, media_type, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [record.sha256, record.unitId, record.userId, record.fileName, record.mediaType, record.uploadedAt],
    );
  }
}
