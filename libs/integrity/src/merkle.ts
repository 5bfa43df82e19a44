// The log as an RFC 9162 §2.1 Merkle tree: hashes, the tree hash MTH, inclusion (PATH) and consistency (PROOF)
// proofs and their verification (§2.1.3.2, §2.1.4.2). Pure: node:crypto only. Proof generation reads hashes of
// perfect subtrees through a NodeSource, so the same code runs over an in-memory array or a stored tree.
import { createHash, hash } from 'node:crypto';

export type Hash = Buffer;

export const EMPTY_TREE_HASH: Hash = createHash('sha256').digest();

// One-shot hashing into a reused input buffer: about 2.5 times faster than a Hash object per node, which is what
// the tree rebuild rate is made of (docs/adr/0015). Synchronous, so the shared buffer is never seen half-written.
const nodeInput = Buffer.alloc(65, 1);
const leafInput32 = Buffer.alloc(33);

/** SHA-256(0x00 ‖ leaf input). */
export function leafHash(leafInput: Uint8Array): Hash {
  if (leafInput.length !== 32) return createHash('sha256').update(Buffer.of(0)).update(leafInput).digest();
  leafInput32.set(leafInput, 1);
  return hash('sha256', leafInput32, 'buffer');
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Hash {
  if (left.length !== 32 || right.length !== 32) return createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();
  nodeInput.set(left, 1);
  nodeInput.set(right, 33);
  return hash('sha256', nodeInput, 'buffer');
}

/** The largest power of two strictly smaller than n (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A perfect subtree: the 2^level leaves starting at index · 2^level. */
export interface NodeId {
  level: number;
  index: number;
}

/**
 * Where proof generation gets hashes of perfect subtrees (level 0 = leaf hashes). A source answers for every perfect
 * subtree that lies entirely inside the tree it holds.
 */
export interface NodeSource {
  node(level: number, index: number): Hash;
}

/**
 * The perfect subtrees whose hashes give MTH(D[start:end]) by the RFC's recursion. `start` must be aligned as the
 * recursion aligns it (a multiple of the power of two that bounds end − start), which holds for every range below.
 */
function rangeNodes(start: number, end: number, out: NodeId[]): void {
  const n = end - start;
  if ((n & (n - 1)) === 0) {
    const level = Math.log2(n);
    out.push({ level, index: start / n });
    return;
  }
  const k = splitPoint(n);
  rangeNodes(start, start + k, out);
  rangeNodes(start + k, end, out);
}

/** MTH(D[start:end]) from perfect subtree hashes (end > start). */
export function rangeHash(source: NodeSource, start: number, end: number): Hash {
  const n = end - start;
  if ((n & (n - 1)) === 0) return source.node(Math.log2(n), start / n);
  const k = splitPoint(n);
  return nodeHash(rangeHash(source, start, start + k), rangeHash(source, start + k, end));
}

/** MTH of the first `size` entries. */
export function treeHash(source: NodeSource, size: number): Hash {
  return size === 0 ? EMPTY_TREE_HASH : rangeHash(source, 0, size);
}

/** The ranges PATH(m, D[start:end]) consists of, leaf to root (RFC 9162 §2.1.3.1). */
function inclusionRanges(m: number, start: number, end: number, out: [number, number][]): void {
  const n = end - start;
  if (n === 1) return;
  const k = splitPoint(n);
  if (m < k) {
    inclusionRanges(m, start, start + k, out);
    out.push([start + k, end]);
  } else {
    inclusionRanges(m - k, start + k, end, out);
    out.push([start, start + k]);
  }
}

/** The ranges PROOF(m, D[n]) consists of (RFC 9162 §2.1.4.1, SUBPROOF). */
function consistencyRanges(m: number, start: number, end: number, complete: boolean, out: [number, number][]): void {
  const n = end - start;
  if (m === n) {
    if (!complete) out.push([start, end]);
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    consistencyRanges(m, start, start + k, complete, out);
    out.push([start + k, end]);
  } else {
    consistencyRanges(m - k, start + k, end, false, out);
    out.push([start, start + k]);
  }
}

function checkIndex(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
}

export function inclusionProofRanges(leafIndex: number, treeSize: number): [number, number][] {
  checkIndex('leafIndex', leafIndex);
  checkIndex('treeSize', treeSize);
  if (leafIndex >= treeSize) throw new RangeError(`leaf ${leafIndex} is not in a tree of size ${treeSize}`);
  const out: [number, number][] = [];
  inclusionRanges(leafIndex, 0, treeSize, out);
  return out;
}

export function consistencyProofRanges(from: number, to: number): [number, number][] {
  checkIndex('from', from);
  checkIndex('to', to);
  if (from > to) throw new RangeError(`from (${from}) must not exceed to (${to})`);
  const out: [number, number][] = [];
  if (from > 0 && from < to) consistencyRanges(from, 0, to, true, out);
  return out;
}

/** Every perfect subtree a proof over these ranges reads: lets a stored tree fetch them in one query. */
export function nodesOfRanges(ranges: [number, number][]): NodeId[] {
  const out: NodeId[] = [];
  for (const [start, end] of ranges) rangeNodes(start, end, out);
  return out;
}

export function inclusionProof(source: NodeSource, leafIndex: number, treeSize: number): Hash[] {
  return inclusionProofRanges(leafIndex, treeSize).map(([s, e]) => rangeHash(source, s, e));
}

export function consistencyProof(source: NodeSource, from: number, to: number): Hash[] {
  return consistencyProofRanges(from, to).map(([s, e]) => rangeHash(source, s, e));
}

/** RFC 9162 §2.1.3.2: does `proof` lead from the leaf hash of entry leafIndex to `root` in a tree of treeSize? */
export function verifyInclusion(leafIndex: number, treeSize: number, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree (from, firstRoot) is a prefix of (to, secondRoot)? */
export function verifyConsistency(from: number, to: number, firstRoot: Hash, secondRoot: Hash, proof: readonly Hash[]): boolean {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to) return false;
  if (from === to) return proof.length === 0 && firstRoot.equals(secondRoot);
  // Any tree extends the empty tree; RFC 9162 leaves size 0 out of PROOF, so the proof is empty.
  if (from === 0) return proof.length === 0 && firstRoot.equals(EMPTY_TREE_HASH);
  if (proof.length === 0) return false;
  const path = [...proof];
  if ((from & (from - 1)) === 0) path.unshift(firstRoot);
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

/** An in-memory NodeSource over leaf hashes: every level kept, for tests, the witness and small trees. */
export class MemoryTree implements NodeSource {
  private readonly levels: Hash[][] = [[]];

  constructor(leafHashes: Iterable<Hash> = []) {
    for (const h of leafHashes) this.appendLeafHash(h);
  }

  get size(): number {
    return this.levels[0].length;
  }

  appendLeafHash(hash: Hash): void {
    this.levels[0].push(hash);
    // A new perfect subtree closes at every level where the index just became odd.
    for (let level = 0, index = this.levels[0].length - 1; index % 2 === 1; level += 1, index = (index - 1) / 2) {
      const row = this.levels[level];
      if (!this.levels[level + 1]) this.levels.push([]);
      this.levels[level + 1].push(nodeHash(row[index - 1], row[index]));
    }
  }

  appendLeaf(leafInput: Uint8Array): void {
    this.appendLeafHash(leafHash(leafInput));
  }

  node(level: number, index: number): Hash {
    const hash = this.levels[level]?.[index];
    if (!hash) throw new RangeError(`no perfect subtree at level ${level}, index ${index} in a tree of size ${this.size}`);
    return hash;
  }

  root(size = this.size): Hash {
    return treeHash(this, size);
  }
}
