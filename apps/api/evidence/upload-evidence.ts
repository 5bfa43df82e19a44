// One upload: the declared type and name checked first, then the body streamed through the inspector (hash, size,
// signature) into storage. A refusal mid-stream keeps nothing; the rest of the body is read and dropped (up to a
// bound) so the client sees the answer rather than a reset connection.
import type { IncomingMessage } from 'node:http';
import type { Actor } from '../../../events/index.js';
import { parseFileName } from '../../../libs/evidence/src/content-disposition.js';
import { EvidenceRefusedError } from '../../../libs/evidence/src/evidence.errors.js';
import type { EvidenceStorage, StoredFile } from '../../../libs/evidence/src/evidence-storage.port.js';
import { declaredMediaType } from '../../../libs/evidence/src/media-types.js';
import { UploadInspector } from '../../../libs/evidence/src/upload-inspector.js';

export interface UploadAnswer {
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
  /** False when the same bytes were stored already (by anyone): nothing new was kept. */
  created: boolean;
}

/** Past this many bytes after a refusal, the connection is cut instead of drained. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded || req.destroyed) return resolve();
    let seen = 0;
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DRAIN_LIMIT) {
        req.destroy();
        resolve();
      }
    });
    req.once('end', () => resolve());
    req.once('close', () => resolve());
    req.once('error', () => resolve());
    req.resume();
  });
}

export async function uploadEvidence(req: IncomingMessage, uploader: Actor, storage: EvidenceStorage, maxMb: number): Promise<UploadAnswer> {
  try {
    const name = parseFileName(header(req, 'content-disposition'));
    if (!name.ok) throw new EvidenceRefusedError('invalid', [`Content-Disposition: ${name.reason}`]);
    const declared = declaredMediaType(header(req, 'content-type'), name.fileName);
    if (!declared.ok) throw new EvidenceRefusedError('invalid', [`${declared.field}: ${declared.reason}`]);
    const maxBytes = maxMb * 1024 * 1024;
    const length = Number(header(req, 'content-length') ?? NaN);
    if (Number.isFinite(length) && length > maxBytes) {
      throw new EvidenceRefusedError('too-large', [`body: ${length} bytes is larger than EVIDENCE_MAX_MB (${maxMb} MB)`]);
    }
    const inspector = new UploadInspector(declared.type, maxBytes, `EVIDENCE_MAX_MB (${maxMb} MB)`);
    async function* inspected(): AsyncGenerator<Buffer> {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        inspector.inspect(chunk);
        yield chunk;
      }
      // A body cut short must not be stored as a (smaller) file of its own.
      if (!req.complete) throw new EvidenceRefusedError('invalid', ['body: the upload ended before the whole file arrived; nothing was stored']);
    }
    const { file, created }: { file: StoredFile; created: boolean } = await storage.put(inspected(), () => inspector.finish(), {
      fileName: name.fileName,
      mediaType: declared.type.mediaType,
      uploader,
    });
    return { sha256: file.sha256, size: file.size, mediaType: declared.type.mediaType, fileName: name.fileName, created };
  } catch (error) {
    await drain(req);
    // The client went away mid-body: nothing was kept, and the answer (if it can still be read) says why.
    if (!(error instanceof EvidenceRefusedError) && (req.destroyed || (error as NodeJS.ErrnoException).code === 'ECONNRESET' || (error as Error).message === 'aborted')) {
      throw new EvidenceRefusedError('invalid', ['body: the upload ended before the whole file arrived; nothing was stored']);
    }
    throw error;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
