// `ledger export --with-evidence DIR` and `ledger import FILE --with-evidence DIR`: every stored file as DIR/<sha256>
// beside a manifest (DIR/evidence.ndjson: one line per file with its media type, first name and uploads). Import
// checks the whole directory — each file rehashed, its size and signature checked — and that every `file`
// reference of the export resolves, before anything is stored.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StoredEvent } from '../../../events/index.js';
import type { EvidenceStorage, StoredFile, UploadRecord } from '../../../libs/evidence/src/evidence-storage.port.js';
import { declaredMediaType } from '../../../libs/evidence/src/media-types.js';
import { UploadInspector } from '../../../libs/evidence/src/upload-inspector.js';
import { readLines } from '../evaluate/ndjson-lines.js';

export const MANIFEST = 'evidence.ndjson';
const SHA256 = /^[0-9a-f]{64}$/;

export interface ManifestEntry extends StoredFile {
  uploads: UploadRecord[];
}

export async function exportEvidence(storage: EvidenceStorage, dir: string): Promise<{ files: number; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const manifest = createWriteStream(join(dir, MANIFEST), { encoding: 'utf8' });
  let files = 0;
  let bytes = 0;
  try {
    for (let after: string | null = null; ; ) {
      const page = await storage.list(after, 500);
      if (page.length === 0) break;
      for (const file of page) {
        await pipeline(Readable.from(storage.read(file.sha256)), createWriteStream(join(dir, file.sha256)));
        const entry: ManifestEntry = { ...file, uploads: await storage.uploads(file.sha256) };
        if (!manifest.write(`${JSON.stringify(entry)}\n`)) await new Promise<void>((r) => manifest.once('drain', () => r()));
        files += 1;
        bytes += file.size;
      }
      after = page[page.length - 1].sha256;
    }
  } finally {
    await new Promise<void>((resolve, reject) => manifest.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
  return { files, bytes };
}

export interface EvidenceDirCheck {
  entries: ManifestEntry[];
  problems: string[];
}

/** Rehashes every file of the manifest from DIR and checks its size and signature against its media type. */
export async function checkEvidenceDir(dir: string): Promise<EvidenceDirCheck> {
  const entries: ManifestEntry[] = [];
  const problems: string[] = [];
  const manifestPath = join(dir, MANIFEST);
  for await (const { lineNumber, text } of readLines(manifestPath)) {
    if (text.trim() === '') continue;
    const where = `${MANIFEST} line ${lineNumber}`;
    let entry: ManifestEntry;
    try {
      entry = JSON.parse(text) as ManifestEntry;
    } catch {
      problems.push(`${where}: not JSON`);
      continue;
    }
    if (typeof entry.sha256 !== 'string' || !SHA256.test(entry.sha256)) {
      problems.push(`${where}: sha256: must be 64 lowercase hex digits`);
      continue;
    }
    const declared = declaredMediaType(entry.mediaType, String(entry.fileName ?? ''));
    if (!declared.ok) {
      problems.push(`${where}: ${declared.field}: ${declared.reason}`);
      continue;
    }
    const path = join(dir, entry.sha256);
    try {
      await stat(path);
    } catch {
      problems.push(`${where}: the file ${entry.sha256} is missing from ${dir}`);
      continue;
    }
    const inspector = new UploadInspector(declared.type, Number.MAX_SAFE_INTEGER, 'no limit');
    try {
      for await (const chunk of createReadStream(path)) inspector.inspect(chunk as Buffer);
      const { sha256, size } = inspector.finish();
      if (sha256 !== entry.sha256) problems.push(`${where}: the file ${entry.sha256} hashes to ${sha256}: it was altered`);
      else if (size !== entry.size) problems.push(`${where}: size: the file holds ${size} bytes, the manifest says ${entry.size}`);
      else entries.push(entry);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  }
  return { entries, problems };
}

/** Every `file` reference of the export must name a file in `available`; problems as "line N: field: reason". */
export async function checkFileReferences(exportPath: string, available: ReadonlySet<string>): Promise<{ references: number; problems: string[] }> {
  const problems: string[] = [];
  let references = 0;
  for await (const { lineNumber, text } of readLines(exportPath)) {
    if (text.trim() === '') continue;
    let event: Partial<StoredEvent>;
    try {
      event = JSON.parse(text) as Partial<StoredEvent>;
    } catch {
      continue; // the line check of the import names it
    }
    if (!Array.isArray(event.evidence)) continue;
    event.evidence.forEach((item, i) => {
      if (item?.kind !== 'file') return;
      references += 1;
      if (typeof item.sha256 !== 'string' || !available.has(item.sha256)) {
        problems.push(`line ${lineNumber}: evidence[${i}].sha256: names a file that is not in the evidence directory`);
      }
    });
  }
  return { references, problems };
}

/** Stores the checked files (bytes already stored are kept once) with their upload records. */
export async function importEvidence(storage: EvidenceStorage, dir: string, entries: readonly ManifestEntry[]): Promise<number> {
  for (const entry of entries) {
    const [first, ...rest] = entry.uploads;
    const uploader = first ? { unitId: first.unitId, userId: first.userId } : { unitId: 'import', userId: 'import' };
    const declared = declaredMediaType(entry.mediaType, entry.fileName);
    if (!declared.ok) throw new Error(`${entry.sha256}: ${declared.reason}`);
    const inspector = new UploadInspector(declared.type, Number.MAX_SAFE_INTEGER, 'no limit');
    async function* bytes(): AsyncGenerator<Buffer> {
      for await (const chunk of createReadStream(join(dir, entry.sha256))) {
        inspector.inspect(chunk as Buffer);
        yield chunk as Buffer;
      }
    }
    await storage.put(
      bytes(),
      () => {
        const sealed = inspector.finish();
        // Checked before; a file changed since is refused rather than stored under the wrong address.
        if (sealed.sha256 !== entry.sha256) throw new Error(`${entry.sha256} changed while it was imported`);
        return sealed;
      },
      { fileName: entry.fileName, mediaType: entry.mediaType, uploader, ...(first ? { uploadedAt: first.uploadedAt } : {}) },
    );
    for (const record of rest) await storage.recordUpload(record);
  }
  return entries.length;
}

/** Stored files no event of the log references. */
export async function findOrphans(storage: EvidenceStorage, log: AsyncIterable<StoredEvent[]>): Promise<StoredFile[]> {
  const referenced = new Set<string>();
  for await (const batch of log) for (const e of batch) for (const item of e.evidence) if (item.kind === 'file' && item.sha256) referenced.add(item.sha256);
  const orphans: StoredFile[] = [];
  for (let after: string | null = null; ; ) {
    const page = await storage.list(after, 1000);
    if (page.length === 0) return orphans;
    orphans.push(...page.filter((f) => !referenced.has(f.sha256)));
    after = page[page.length - 1].sha256;
  }
}
