import { randomBytes } from 'node:crypto';
import {
  EMPTY_TREE_HASH,
  MemoryTree,
  consistencyProof,
  consistencyProofRanges,
  inclusionProofRanges,
  inclusionProof,
  leafHash,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from './merkle.js';
import { naiveMth, naivePath, naiveProof } from './testing/naive-merkle.js';

const hex = (h: string) => Buffer.from(h, 'hex');
const hexes = (hs: Hash[]) => hs.map((h) => h.toString('hex'));

// The Certificate Transparency / Trillian test vectors (RFC 6962 = RFC 9162 §2.1 hashing).
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];
const CT_CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];

/** Which side each sibling of an inclusion path is on: all RFC 9162 verification learns from the size. */
const shape = (m: number, n: number) => (m < n ? inclusionProofRanges(m, n).map(([start]) => (start > m ? 'R' : 'L')) : null);

function flipBit(h: Hash, bit: number): Hash {
  const copy = Buffer.from(h);
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
}

describe('RFC 9162 Merkle tree: the Certificate Transparency vectors', () => {
  const tree = new MemoryTree();
  CT_LEAVES.forEach((l) => tree.appendLeaf(l));

  it('gives the empty tree SHA-256("") and every prefix its published root, the 8-leaf one 5dc9da79…', () => {
    expect(EMPTY_TREE_HASH.toString('hex')).toBe(CT_ROOTS[0]);
    CT_ROOTS.forEach((root, size) => expect(tree.root(size).toString('hex')).toBe(root));
    expect(tree.root().toString('hex')).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });

  it.each(CT_INCLUSION)('inclusion of leaf %i in size %i is the published path and verifies', (m, n, path) => {
    const proof = inclusionProof(tree, m, n);
    expect(hexes(proof)).toEqual(path);
    expect(verifyInclusion(m, n, leafHash(CT_LEAVES[m]), proof, hex(CT_ROOTS[n]))).toBe(true);
  });

  it.each(CT_CONSISTENCY)('consistency from %i to %i is the published proof and verifies', (m, n, expected) => {
    const proof = consistencyProof(tree, m, n);
    expect(hexes(proof)).toEqual(expected);
    expect(verifyConsistency(m, n, hex(CT_ROOTS[m]), hex(CT_ROOTS[n]), proof)).toBe(true);
  });

  it('refuses every single-bit change of the 8-leaf proofs, leaves and roots', () => {
    for (const [m, n] of CT_INCLUSION) {
      const proof = inclusionProof(tree, m, n);
      const leaf = leafHash(CT_LEAVES[m]);
      const root = hex(CT_ROOTS[n]);
      for (let bit = 0; bit < 256; bit += 1) {
        expect(verifyInclusion(m, n, flipBit(leaf, bit), proof, root)).toBe(false);
        expect(verifyInclusion(m, n, leaf, proof, flipBit(root, bit))).toBe(false);
        proof.forEach((_, i) => expect(verifyInclusion(m, n, leaf, proof.map((p, j) => (i === j ? flipBit(p, bit) : p)), root)).toBe(false));
      }
    }
    for (const [m, n] of CT_CONSISTENCY.filter(([a, b]) => a < b)) {
      const proof = consistencyProof(tree, m, n);
      for (let bit = 0; bit < 256; bit += 1) {
        expect(verifyConsistency(m, n, flipBit(hex(CT_ROOTS[m]), bit), hex(CT_ROOTS[n]), proof)).toBe(false);
        expect(verifyConsistency(m, n, hex(CT_ROOTS[m]), flipBit(hex(CT_ROOTS[n]), bit), proof)).toBe(false);
        proof.forEach((_, i) => expect(verifyConsistency(m, n, hex(CT_ROOTS[m]), hex(CT_ROOTS[n]), proof.map((p, j) => (i === j ? flipBit(p, bit) : p)))).toBe(false));
      }
    }
  });
});

describe('RFC 9162 Merkle tree: every m ≤ n ≤ 64 against a naive transcription of the RFC', () => {
  const N = 64;
  const leaves = Array.from({ length: N }, (_, i) => randomBytes(i % 3 === 0 ? 32 : 1 + (i % 40)));
  const tree = new MemoryTree(leaves.map(leafHash));
  const roots = Array.from({ length: N + 1 }, (_, n) => naiveMth(leaves.slice(0, n)));
  // A few bits spread over the 256 of a hash (both ends, bytes in between): SHA-256 treats every bit alike, and
  // the 8-leaf test above flips all 256. Sizes are flipped in every bit that keeps them below 2^12.
  const SAMPLE_BITS = [0, 101, 255];

  it('roots equal the naive MTH for every size', () => {
    for (let n = 0; n <= N; n += 1) expect(tree.root(n).equals(roots[n])).toBe(true);
  });

  it('inclusion proofs equal the naive PATH, verify, and fail on any change of leaf, index, size, proof or root', () => {
    for (let n = 1; n <= N; n += 1) {
      for (let m = 0; m < n; m += 1) {
        const proof = inclusionProof(tree, m, n);
        expect(hexes(proof)).toEqual(hexes(naivePath(m, leaves.slice(0, n))));
        const leaf = leafHash(leaves[m]);
        expect(verifyInclusion(m, n, leaf, proof, roots[n])).toBe(true);
        for (const bit of SAMPLE_BITS) {
          expect(verifyInclusion(m, n, flipBit(leaf, bit), proof, roots[n])).toBe(false);
          expect(verifyInclusion(m, n, leaf, proof, flipBit(roots[n], bit))).toBe(false);
          for (let i = 0; i < proof.length; i += 1) {
            expect(verifyInclusion(m, n, leaf, proof.map((p, j) => (i === j ? flipBit(p, bit) : p)), roots[n])).toBe(false);
          }
        }
        for (let bit = 0; bit < 12; bit += 1) {
          expect(verifyInclusion(m ^ (1 << bit), n, leaf, proof, roots[n])).toBe(false);
          // RFC 9162 §2.1.3.2 reads only the shape of the path from the size: a size whose path has the same shape
          // (e.g. leaf 0 in 3 or 4) passes with this root. The checkpoint's signature binds size to root, which
          // is what makes a changed size fail in a proof bundle (proof-bundle.unit.spec.ts).
          const n2 = n ^ (1 << bit);
          if (verifyInclusion(m, n2, leaf, proof, roots[n])) expect(shape(m, n2)).toEqual(shape(m, n));
        }
        expect(verifyInclusion(m, n, leaf, proof.slice(0, -1), roots[n]) && proof.length > 0).toBe(false);
        expect(verifyInclusion(m, n, leaf, [...proof, roots[n]], roots[n])).toBe(false);
      }
    }
  });

  it('consistency proofs equal the naive PROOF, verify, and fail on any change of size, proof or root', () => {
    for (let n = 0; n <= N; n += 1) {
      for (let m = 0; m <= n; m += 1) {
        const proof = consistencyProof(tree, m, n);
        expect(hexes(proof)).toEqual(hexes(naiveProof(m, leaves.slice(0, n))));
        expect(verifyConsistency(m, n, roots[m], roots[n], proof)).toBe(true);
        for (const bit of SAMPLE_BITS) {
          if (m > 0) expect(verifyConsistency(m, n, flipBit(roots[m], bit), roots[n], proof)).toBe(false);
          if (m > 0 || n === 0) {
            // From the empty tree every tree is consistent (the proof is empty and binds no second root).
            expect(verifyConsistency(m, n, roots[m], flipBit(roots[n], bit), proof)).toBe(false);
          }
          for (let i = 0; i < proof.length; i += 1) {
            expect(verifyConsistency(m, n, roots[m], roots[n], proof.map((p, j) => (i === j ? flipBit(p, bit) : p)))).toBe(false);
          }
        }
        for (let bit = 0; bit < 12; bit += 1) {
          const m2 = m ^ (1 << bit);
          const n2 = n ^ (1 << bit);
          // Skip the flips that land on a pair this proof legitimately also proves (the same trees).
          if (!(m2 === n && m === n) && !(m2 === 0 && roots[0].equals(roots[m]))) expect(verifyConsistency(m2, n, roots[m], roots[n], proof)).toBe(false);
          // As for inclusion, only the proof's shape depends on the new size; the signature binds size to root.
          if (verifyConsistency(m, n2, roots[m], roots[n], proof)) expect(consistencyProofRanges(m, n2).length).toBe(proof.length);
        }
      }
    }
  });
});
