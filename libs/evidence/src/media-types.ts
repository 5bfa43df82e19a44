// The media types an evidence file may have, each with its file-name extensions and the signature its bytes must
// start with (the "magic number"). What a client declares (Content-Type, extension) must agree with what the bytes
// are: a PNG sent as application/pdf, or a ZIP named .pdf, is refused naming both.

/** The container a signature proves; several media types share one (XLSX, DOCX, OFD and ZIP are all zip files). */
export type Signature = 'pdf' | 'png' | 'jpeg' | 'zip' | 'ole2' | 'text';

export interface MediaType {
  mediaType: string;
  extensions: readonly string[];
  signature: Signature;
  /** For messages, in plain words. */
  label: string;
}

export const MEDIA_TYPES: readonly MediaType[] = [
  { mediaType: 'application/pdf', extensions: ['pdf'], signature: 'pdf', label: 'a PDF document' },
  { mediaType: 'application/ofd', extensions: ['ofd'], signature: 'zip', label: 'an OFD document' },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], signature: 'jpeg', label: 'a JPEG image' },
  { mediaType: 'image/png', extensions: ['png'], signature: 'png', label: 'a PNG image' },
  { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], signature: 'zip', label: 'an XLSX workbook' },
  { mediaType: 'application/vnd.ms-excel', extensions: ['xls'], signature: 'ole2', label: 'an XLS workbook' },
  { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], signature: 'zip', label: 'a DOCX document' },
  { mediaType: 'application/msword', extensions: ['doc'], signature: 'ole2', label: 'a DOC document' },
  { mediaType: 'text/csv', extensions: ['csv'], signature: 'text', label: 'a CSV file' },
  { mediaType: 'text/plain', extensions: ['txt'], signature: 'text', label: 'a text file' },
  { mediaType: 'application/zip', extensions: ['zip'], signature: 'zip', label: 'a ZIP archive' },
];

/** Other names clients send for the same types. */
const ALIASES: Record<string, string> = {
  'application/x-zip-compressed': 'application/zip',
  'application/x-ofd': 'application/ofd',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/csv': 'text/csv',
};

/** Sent when the client does not know the type: the extension decides. */
const UNSPECIFIED = 'application/octet-stream';

const SIGNATURE_BYTES: [Exclude<Signature, 'text'>, number[]][] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]], // PK␃␄: a local file header
  ['zip', [0x50, 0x4b, 0x05, 0x06]], // PK␅␆: an empty archive
  ['ole2', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]], // Compound File Binary (XLS, DOC)
];

/** Bytes enough to tell every signature apart. */
export const SIGNATURE_LENGTH = 8;

const SIGNATURE_LABELS: Record<Signature, string> = {
  pdf: 'a PDF document',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  zip: 'a ZIP container (ZIP, XLSX, DOCX or OFD)',
  ole2: 'an OLE2 compound file (XLS or DOC)',
  text: 'text',
};

export function describeSignature(signature: Signature | null): string {
  return signature === null ? 'of no accepted kind (no PDF, PNG, JPEG, ZIP or OLE2 signature)' : SIGNATURE_LABELS[signature];
}

/** The binary signature the first bytes show, 'text' when they show none (text is then checked byte by byte). */
export function signatureOf(head: Uint8Array): Exclude<Signature, 'text'> | null {
  for (const [signature, bytes] of SIGNATURE_BYTES) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return signature;
  }
  return null;
}

/**
 * Text evidence (CSV, TXT) holds no control bytes other than tab, line feed, form feed and carriage return (and
 * the end-of-file SUB of old DOS files); any encoding (UTF-8, GBK) passes. Returns the offset of the first bad byte.
 */
export function firstBinaryByte(chunk: Uint8Array): number {
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1a) return i;
    if (b === 0x7f) return i;
  }
  return -1;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

export type Declared = { ok: true; type: MediaType } | { ok: false; field: string; reason: string };

/** The media type a client declared by Content-Type and file name, when the two agree and the type is accepted. */
export function declaredMediaType(contentType: string | undefined, fileName: string): Declared {
  const accepted = MEDIA_TYPES.map((t) => t.mediaType).join(', ');
  const extension = extensionOf(fileName);
  const byExtension = MEDIA_TYPES.find((t) => t.extensions.includes(extension));
  if (!byExtension) {
    const known = MEDIA_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(', ');
    return { ok: false, field: 'fileName', reason: `"${fileName}" must end in one of ${known}` };
  }
  const raw = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (raw === '') return { ok: false, field: 'Content-Type', reason: `is required: one of ${accepted}` };
  if (raw === UNSPECIFIED) return { ok: true, type: byExtension };
  const name = ALIASES[raw] ?? raw;
  const byHeader = MEDIA_TYPES.find((t) => t.mediaType === name);
  if (!byHeader) return { ok: false, field: 'Content-Type', reason: `"${raw}" is not accepted: one of ${accepted}` };
  if (byHeader !== byExtension) {
    return { ok: false, field: 'fileName', reason: `the extension .${extension} is ${byExtension.label}, but Content-Type says ${byHeader.mediaType}` };
  }
  return { ok: true, type: byHeader };
}
