// The file name travels in a Content-Disposition header both ways (RFC 6266), with the RFC 5987 `filename*` form
// for names outside ASCII such as 抽查记录.pdf: `attachment; filename*=UTF-8''%E6%8A%BD%E6%9F%A5…`.

export type ParsedFileName = { ok: true; fileName: string } | { ok: false; reason: string };

const MAX_FILE_NAME = 255;

function decodeExtended(value: string): string | null {
  const match = /^([\w!#$%&+^`{}~-]+)'[\w-]*'(.*)$/.exec(value);
  if (!match) return null;
  const charset = match[1].toLowerCase();
  if (charset !== 'utf-8') return null;
  try {
    return decodeURIComponent(match[2]);
  } catch {
    return null;
  }
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

/** The file name of an upload's Content-Disposition; `filename*` wins over `filename`, as RFC 6266 says. */
export function parseFileName(header: string | undefined): ParsedFileName {
  if (header === undefined || header.trim() === '') {
    return { ok: false, reason: `is required: attachment; filename*=UTF-8''<percent-encoded name> (or filename="name.pdf" for ASCII names)` };
  }
  const params = new Map<string, string>();
  for (const part of header.split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  let name: string | null = null;
  if (params.has('filename*')) {
    name = decodeExtended(unquote(params.get('filename*')!));
    if (name === null) return { ok: false, reason: `filename* must be UTF-8''<percent-encoded name> (RFC 5987)` };
  } else if (params.has('filename')) {
    name = unquote(params.get('filename')!);
  }
  if (name === null) return { ok: false, reason: 'must carry filename* or filename' };
  // A name, never a path: whatever a browser sends, only the last segment is kept.
  name = name.split(/[\\/]/).pop()!.trim();
  // eslint-disable-next-line no-control-regex
  if (name === '' || /[\u0000-\u001f\u007f]/.test(name)) return { ok: false, reason: 'the file name must be non-empty and hold no control characters' };
  if (name.length > MAX_FILE_NAME) return { ok: false, reason: `the file name must be at most ${MAX_FILE_NAME} characters` };
  return { ok: true, fileName: name };
}

/** For a download: an ASCII fallback for old clients beside the exact UTF-8 name. */
export function formatContentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
