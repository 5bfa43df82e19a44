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

/** Answers perfect-subtree hashes from fetched tiles (each tile's entries as stored). */
export class TileNodeSource implements NodeSource {
  private readonly tiles = new Map<string, Hash[]>();

  constructor(tiles: Iterable<TileId & { hashes: Buffer }>) {
    for (const t of tiles) this.tiles.set(tileKey(t), splitHashes(t.hashes));
  }

  node(level: number, index: number): Hash {
    const t = tileOf({ level, index });
    const entries = this.tiles.get(tileKey(t));
    if (!entries || entries.length < t.offset + t.span) throw new RangeError(`the stored tree has no node at level ${level}, index ${index}`);
    return perfectRoot(entries.slice(t.offset, t.offset + t.span));
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
