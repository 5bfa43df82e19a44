// The seam between the evidence service and where the bytes live. PostgreSQL is the default adapter
// (postgres-evidence-storage.ts); an object store (S3, MinIO) would implement the same port: content-addressed
// keys, write-once, streamed both ways.
import type { Actor } from '../../../events/index.js';

export interface StoredFile {
  sha256: string;
  size: number;
  mediaType: string;
  /** The name of the first upload of these bytes. */
  fileName: string;
}

export interface FileUpload {
  fileName: string;
  mediaType: string;
  uploader: Actor;
  /** Kept from an export on import; otherwise the time of storing. */
  uploadedAt?: string;
}

export interface UploadRecord {
  sha256: string;
  unitId: string;
  userId: string;
  fileName: string;
  mediaType: string;
  uploadedAt: string;
}

export interface EvidenceStorage {
  /**
   * Streams `source` into storage. `seal` is called once the source is exhausted and returns the bytes' SHA-256
   * (computed by whoever watched them pass); when the bytes are stored already, nothing new is kept but the
   * upload is recorded. If the source throws, nothing at all is kept.
   */
  put(source: AsyncIterable<Buffer>, seal: () => { sha256: string; size: number }, upload: FileUpload): Promise<{ file: StoredFile; created: boolean }>;
  /** The file's description, or null when no such bytes are stored. */
  find(sha256: string): Promise<StoredFile | null>;
  /** The descriptions of those of `hashes` that are stored, in one look-up. */
  findMany(hashes: readonly string[]): Promise<Map<string, StoredFile>>;
  /** The bytes, chunk by chunk, in order. */
  read(sha256: string): AsyncIterable<Buffer>;
  /** Of `hashes`, those `unitId` uploaded. */
  uploadedBy(unitId: string, hashes: readonly string[]): Promise<Set<string>>;
  /** Of `hashes`, those stored. */
  existing(hashes: readonly string[]): Promise<Set<string>>;
  /** Every stored file, in storage order, in pages. */
  list(after?: string | null, limit?: number): Promise<StoredFile[]>;
  /** Who uploaded the file (for export). */
  uploads(sha256: string): Promise<UploadRecord[]>;
  /** Restores an upload record (import); a record already there is kept as it is. */
  recordUpload(record: UploadRecord): Promise<void>;
}
