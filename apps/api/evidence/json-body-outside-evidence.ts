// The global JSON body parser's `type` test: JSON bodies everywhere except POST /v1/evidence, whose raw body the
// upload streams itself (a parser there would buffer it, and eat it).
import type { IncomingMessage } from 'node:http';

export function isJsonOutsideEvidence(req: IncomingMessage): boolean {
  if ((req.url ?? '').startsWith('/v1/evidence')) return false;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}
