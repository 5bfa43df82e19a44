// An independent, literal transcription of RFC 9162 §2.1 over a list of leaf inputs: no stored nodes, no shared
// helpers with merkle.ts (it hashes on its own), so a bug in one shows up as a disagreement with the other.
import { createHash } from 'node:crypto';

const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

function k(n: number): number {
  let p = 1;
  while (p << 1 < n) p <<= 1;
  return p;
}

export function naiveMth(d: Uint8Array[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Buffer.of(0), d[0]);
  const split = k(d.length);
  return sha(Buffer.of(1), naiveMth(d.slice(0, split)), naiveMth(d.slice(split)));
}

export function naivePath(m: number, d: Uint8Array[]): Buffer[] {
  if (d.length <= 1) return [];
  const split = k(d.length);
  return m < split
    ? [...naivePath(m, d.slice(0, split)), naiveMth(d.slice(split))]
    : [...naivePath(m - split, d.slice(split)), naiveMth(d.slice(0, split))];
}

function subproof(m: number, d: Uint8Array[], b: boolean): Buffer[] {
  const n = d.length;
  if (m === n) return b ? [] : [naiveMth(d)];
  const split = k(n);
  return m <= split
    ? [...subproof(m, d.slice(0, split), b), naiveMth(d.slice(split))]
    : [...subproof(m - split, d.slice(split), false), naiveMth(d.slice(0, split))];
}

export function naiveProof(m: number, d: Uint8Array[]): Buffer[] {
  return m === 0 || m === d.length ? [] : subproof(m, d, true);
}
