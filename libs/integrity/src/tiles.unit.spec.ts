import { randomBytes } from 'node:crypto';
import { MemoryTree, consistencyProof, inclusionProof, nodesOfRanges, inclusionProofRanges, consistencyProofRanges, treeHash, type Hash } from './merkle.js';
import { TILE_WIDTH, TileAppender, TileCache, TileNodeSource, edgeTiles, fullTileRoot, tileKey, tileNeeds, tilesOf, type TileId } from './tiles.js';

/** A tile store in a Map, filled the way the PostgreSQL store fills it: appends in uneven batches. */
function storeOf(leaves: Hash[], batch: number) {
  const tiles = new Map<string, TileId & { hashes: Buffer }>();
  let appender = new TileAppender(0, new Map());
  for (let i = 0; i < leaves.length; i += batch) {
    // Reopen from the stored edge each time, as a restarted follower does.
    const edge = new Map(edgeTiles(appender.size).map((t) => [tileKey(t), tiles.get(tileKey(t))!.hashes]));
    appender = new TileAppender(appender.size, edge);
    leaves.slice(i, i + batch).forEach((h) => appender.append(h));
    for (const t of appender.takeChanges()) {
      const old = tiles.get(tileKey(t));
      // Tiles only grow: what was stored is a prefix of what replaces it.
      if (old) expect(t.hashes.subarray(0, old.hashes.length).equals(old.hashes)).toBe(true);
      tiles.set(tileKey(t), t);
    }
  }
  return tiles;
}

describe('the tree in tiles of 256', () => {
  const n = TILE_WIDTH * TILE_WIDTH + 3 * TILE_WIDTH + 17; // three tile levels, partial tiles at each
  const leaves = Array.from({ length: n }, () => randomBytes(32));
  const memory = new MemoryTree(leaves);
  const tiles = storeOf(leaves, 977);
  const source = new TileNodeSource(tiles.values());

  it('gives the in-memory tree root at every size it samples', () => {
    for (const size of [1, 2, 255, 256, 257, 65535, 65536, 65537, n - 1, n]) expect(treeHash(source, size).equals(memory.root(size))).toBe(true);
  });

  it('gives the same proofs, reading at most a handful of tiles', () => {
    for (const [m, size] of [[0, n], [n - 1, n], [65536, n], [12345, 66000], [255, 256]]) {
      expect(inclusionProof(source, m, size)).toEqual(inclusionProof(memory, m, size));
      expect(tilesOf(nodesOfRanges(inclusionProofRanges(m, size))).length).toBeLessThanOrEqual(8);
    }
    for (const [m, size] of [[1, n], [65536, n], [300, 66000], [n - 1, n]]) {
      expect(consistencyProof(source, m, size)).toEqual(consistencyProof(memory, m, size));
      expect(tilesOf(nodesOfRanges([...consistencyProofRanges(m, size), [0, m], [0, size]])).length).toBeLessThanOrEqual(12);
    }
  });
});

describe('tiles kept in memory', () => {
  const tile = (entries: number) => randomBytes(32 * entries);

  it('answers a request for at most as many entries as it holds (a stored tile only grows)', () => {
    const cache = new TileCache(4);
    const partial = tile(10);
    cache.put({ level: 0, index: 3 }, partial);
    expect(cache.get({ level: 0, index: 3 }, 10)?.hashes).toBe(partial);
    expect(cache.get({ level: 0, index: 3 }, 11)).toBeUndefined();
    // A longer read replaces it; a shorter one does not.
    const grown = Buffer.concat([partial, tile(5)]);
    cache.put({ level: 0, index: 3 }, grown);
    cache.put({ level: 0, index: 3 }, partial);
    expect(cache.get({ level: 0, index: 3 }, 15)?.hashes).toBe(grown);
  });

  it('evicts the least recently used beyond its bound', () => {
    const cache = new TileCache(2);
    cache.put({ level: 0, index: 0 }, tile(256));
    cache.put({ level: 0, index: 1 }, tile(256));
    cache.get({ level: 0, index: 0 }, 1);
    cache.put({ level: 1, index: 0 }, tile(3));
    expect(cache.get({ level: 0, index: 1 }, 1)).toBeUndefined();
    expect(cache.get({ level: 0, index: 0 }, 256)).toBeDefined();
    expect(cache.get({ level: 1, index: 0 }, 3)).toBeDefined();
  });

  it('names each tile once with the most entries any node needs of it', () => {
    expect(tileNeeds([{ level: 0, index: 5 }, { level: 2, index: 1 }, { level: 9, index: 0 }])).toEqual([
      { level: 0, index: 0, entries: 8 },
      { level: 1, index: 0, entries: 2 },
    ]);
  });

  it('the root of a full tile is the perfect subtree of its 256 entries', () => {
    const leaves = Array.from({ length: TILE_WIDTH }, () => randomBytes(32));
    expect(fullTileRoot(Buffer.concat(leaves)).equals(new MemoryTree(leaves).root())).toBe(true);
    expect(() => fullTileRoot(tile(255))).toThrow(RangeError);
  });
});
