// How the tree is stored (docs/adr/0015): hashes of perfect subtrees in tiles of 256, as Go's checksum database and
// C2SP tlog-tiles do. Tile level L holds the hashes of the perfect subtrees of height 8·L, 256 to a tile; a tile
// is only ever extended. Any proof at a million entries reads at most a few tiles per tile level (three levels),
// in one query, and recomputes the at most 7 levels inside a tile. Pure: the store fetches and writes the bytes.
import { nodeHash, type Hash, type NodeId, type NodeSource } from './merkle.js';

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 1 << TILE_HEIGHT;
const HASH = 32;

export interface TileId {
  level: number;
  index: number;
}

export const tileKey = (t: TileId): string => `${t.level}/${t.index}`;

/** The tile that holds (or from whose entries one computes) a perfect subtree. */
export function tileOf(node: NodeId): TileId & { offset: number; span: number } {
  const level = Math.floor(node.level / TILE_HEIGHT);
  const span = 2 ** (node.level - level * TILE_HEIGHT);
  const first = node.index * span;
  return { level, index: Math.floor(first / TILE_WIDTH), offset: first % TILE_WIDTH, span };
}

export function tilesOf(nodes: NodeId[]): TileId[] {
  const seen = new Map<string, TileId>();
  for (const n of nodes) {
    const t = tileOf(n);
    seen.set(tileKey(t), { level: t.level, index: t.index });
  }
  return [...seen.values()];
}

function splitHashes(bytes: Buffer): Hash[] {
  const out: Hash[] = [];
  for (let i = 0; i < bytes.length; i += HASH) out.push(bytes.subarray(i, i + HASH));
  return out;
}

/** The root of 2^k hashes. */
function perfectRoot(hashes: Hash[]): Hash {
  let row = hashes;
  while (row.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < row.length; i += 2) next.push(nodeHash(row[i], row[i + 1]));
    row = next;
  }
  return row[0];
}

/** The root of `span` (a power of two) consecutive 32-byte hashes starting at byte `start` of `bytes`. */
function perfectRootOf(bytes: Buffer, start: number, span: number): Hash {
  if (span === 1) return bytes.subarray(start, start + HASH);
  let row: Hash[] = [];
  for (let i = 0; i < span; i += 2) row.push(nodeHash(bytes.subarray(start + i * HASH, start + (i + 1) * HASH), bytes.subarray(start + (i + 1) * HASH, start + (i + 2) * HASH)));
  while (row.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < row.length; i += 2) next.push(nodeHash(row[i], row[i + 1]));
    row = next;
  }
  return row[0];
}

/** The hash of the perfect subtree a full tile's 256 entries span: the next tile level's entry. */
export function fullTileRoot(bytes: Buffer): Hash {
  if (bytes.length !== TILE_WIDTH * HASH) throw new RangeError(`a full tile holds ${TILE_WIDTH * HASH} bytes, not ${bytes.length}`);
  return perfectRootOf(bytes, 0, TILE_WIDTH);
}

/**
 * A tile's entries and, hashed once when first asked for, every perfect subtree inside them: a proof then looks
 * its nodes up instead of hashing up to 255 of them per tile. Built from a prefix (a partial tile) it stays right
 * as the tile grows, since a perfect subtree inside the prefix never changes.
 */
export class TilePyramid {
  private levels: Buffer[] | undefined;

  constructor(readonly hashes: Buffer) {}

  get entries(): number {
    return this.hashes.length / HASH;
  }

  /** The perfect subtree of 2^height entries starting at entry `offset` (a multiple of 2^height), if inside. */
  node(height: number, offset: number): Hash | undefined {
    if (height === 0) return offset < this.entries ? this.hashes.subarray(offset * HASH, (offset + 1) * HASH) : undefined;
    this.levels ??= this.build();
    const row = this.levels[height];
    const i = offset >> height;
    return row && (i + 1) * HASH <= row.length ? row.subarray(i * HASH, (i + 1) * HASH) : undefined;
  }

  private build(): Buffer[] {
    const levels = [this.hashes];
    for (let row = this.hashes; row.length >= 2 * HASH; ) {
      const count = Math.floor(row.length / (2 * HASH));
      const next = Buffer.allocUnsafe(count * HASH);
      for (let i = 0; i < count; i += 1) nodeHash(row.subarray(2 * i * HASH, (2 * i + 1) * HASH), row.subarray((2 * i + 1) * HASH, (2 * i + 2) * HASH)).copy(next, i * HASH);
      levels.push(next);
      row = next;
    }
    return levels;
  }
}

/** Answers perfect-subtree hashes from fetched tiles (each tile's entries as stored, or its pyramid). */
export class TileNodeSource implements NodeSource {
  private readonly tiles = new Map<string, TilePyramid>();

  constructor(tiles: Iterable<TileId & ({ hashes: Buffer } | { pyramid: TilePyramid })>) {
    for (const t of tiles) this.tiles.set(tileKey(t), 'pyramid' in t ? t.pyramid : new TilePyramid(t.hashes));
  }

  node(level: number, index: number): Hash {
    const t = tileOf({ level, index });
    const hash = this.tiles.get(tileKey(t))?.node(Math.log2(t.span), t.offset);
    if (!hash) throw new RangeError(`the stored tree has no node at level ${level}, index ${index}`);
    return hash;
  }
}

/** The tiles a set of nodes reads, each with how many of its entries they need (a tile only grows: a prefix). */
export function tileNeeds(nodes: NodeId[]): (TileId & { entries: number })[] {
  const seen = new Map<string, TileId & { entries: number }>();
  for (const n of nodes) {
    const t = tileOf(n);
    const key = tileKey(t);
    const entries = t.offset + t.span;
    const known = seen.get(key);
    if (!known) seen.set(key, { level: t.level, index: t.index, entries });
    else if (known.entries < entries) known.entries = entries;
  }
  return [...seen.values()];
}

/**
 * Tiles read before, kept in memory, least recently used evicted beyond `maxTiles` (8 KiB each at most). Safe
 * because a stored tile never changes, it only grows (the append-only trigger): a cached tile answers any request
 * for at most as many entries as it holds, and a full tile answers every request forever.
 */
export class TileCache {
  private readonly tiles = new Map<string, TilePyramid>();

  constructor(readonly maxTiles: number) {}

  get(id: TileId, entries: number): TilePyramid | undefined {
    const key = tileKey(id);
    const tile = this.tiles.get(key);
    if (!tile || tile.entries < entries) return undefined;
    // Map keeps insertion order: re-inserting makes it the most recently used.
    this.tiles.delete(key);
    this.tiles.set(key, tile);
    return tile;
  }

  /** Keeps the tile's bytes (unless a longer read is kept already); returns what is kept. */
  put(id: TileId, bytes: Buffer): TilePyramid {
    const key = tileKey(id);
    const known = this.tiles.get(key);
    if (known && known.entries >= bytes.length / HASH) return known;
    const tile = new TilePyramid(bytes);
    if (this.maxTiles <= 0) return tile;
    this.tiles.delete(key);
    this.tiles.set(key, tile);
    while (this.tiles.size > this.maxTiles) this.tiles.delete(this.tiles.keys().next().value as string);
    return tile;
  }

  clear(): void {
    this.tiles.clear();
  }
}

/** The tiles that are not full at a size: the right edge an appender extends. */
export function edgeTiles(size: number): (TileId & { width: number })[] {
  const out: (TileId & { width: number })[] = [];
  for (let level = 0, count = size; count > 0; level += 1, count = Math.floor(count / TILE_WIDTH)) {
    const width = count % TILE_WIDTH;
    if (width > 0) out.push({ level, index: Math.floor(count / TILE_WIDTH), width });
  }
  return out;
}

/**
 * The right edge of the tree in memory: appends leaf hashes and says which tiles changed, with their new bytes.
 * A full tile is written once more (complete) and its root becomes the next entry one tile level up.
 */
export class TileAppender {
  private readonly partial: Hash[][] = [];
  private readonly counts: number[] = [];
  private dirty = new Map<string, TileId & { hashes: Buffer }>();
  private total: number;

  /** `edge`: the stored bytes of the edge tiles at `size` (edgeTiles(size)); missing ones are an error. */
  constructor(size: number, edge: ReadonlyMap<string, Buffer>) {
    this.total = size;
    for (let level = 0, count = size; count > 0; level += 1, count = Math.floor(count / TILE_WIDTH)) {
      this.counts[level] = count;
      const width = count % TILE_WIDTH;
      const key = tileKey({ level, index: Math.floor(count / TILE_WIDTH) });
      const bytes = width > 0 ? edge.get(key) : Buffer.alloc(0);
      if (!bytes || bytes.length < width * HASH) throw new Error(`the stored tree lacks tile ${key} (size ${size})`);
      this.partial[level] = splitHashes(bytes.subarray(0, width * HASH));
    }
  }

  get size(): number {
    return this.total;
  }

  append(leafHash: Hash): void {
    this.total += 1;
    this.add(0, leafHash);
  }

  private add(level: number, hash: Hash): void {
    this.partial[level] ??= [];
    this.counts[level] ??= 0;
    const row = this.partial[level];
    row.push(hash);
    this.counts[level] += 1;
    const index = Math.floor((this.counts[level] - 1) / TILE_WIDTH);
    if (row.length === TILE_WIDTH) {
      this.dirty.set(tileKey({ level, index }), { level, index, hashes: Buffer.concat(row) });
      this.partial[level] = [];
      this.add(level + 1, perfectRoot(row));
    } else {
      // Bytes taken at takeChanges(): the row keeps growing until then.
      this.dirty.set(tileKey({ level, index }), { level, index, hashes: Buffer.alloc(0) });
    }
  }

  /** The tiles changed since the last call, with their current bytes. */
  takeChanges(): (TileId & { hashes: Buffer })[] {
    const out = [...this.dirty.values()].map((t) => {
      if (t.hashes.length > 0) return t;
      return { ...t, hashes: Buffer.concat(this.partial[t.level]) };
    });
    this.dirty = new Map();
    return out.filter((t) => t.hashes.length > 0);
  }
}
