// The witness's view of the log: the tree of its first entries recomputed from the events' CONTENT — each event's
// hash recomputed (events.md §4), never the stored hash column, tiles or tree size. Streaming: memory O(log n).
import type { StoredEvent } from '../../../events/index.js';
import { eventHash } from '../../ledger/src/hash-chain.js';
import { EMPTY_TREE_HASH, leafHash, nodeHash, type Hash } from './merkle.js';

/** What the witness needs of a log: batches in position order (the event-store port, or the API). */
export interface LogReader {
  readAll(options: { after: number; limit?: number }): Promise<StoredEvent[]>;
}

/** MTH of a stream of leaf hashes without keeping them: the roots of the perfect subtrees of the right edge. */
export class StreamingRoot {
  private readonly stack: { level: number; hash: Hash }[] = [];
  size = 0;

  append(leaf: Hash): void {
    let node = { level: 0, hash: leaf };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].level === node.level) {
      const left = this.stack.pop()!;
      node = { level: node.level + 1, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.size += 1;
  }

  root(): Hash {
    if (this.stack.length === 0) return EMPTY_TREE_HASH;
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i -= 1) hash = nodeHash(this.stack[i].hash, hash);
    return hash;
  }
}

/** The leaf an event gives when its hash is recomputed from its content. */
export function contentLeaf(event: StoredEvent): Hash {
  return leafHash(Buffer.from(eventHash(event.prevHash, event), 'hex'));
}

/** Reads the log's first `size` entries and hashes them from content; `onLeaf` sees each (index, leaf, event). */
export async function recomputeRoot(
  store: LogReader,
  size: number,
  onLeaf?: (index: number, leaf: Hash, event: StoredEvent) => void,
): Promise<{ root: Hash; size: number }> {
  const tree = new StreamingRoot();
  for (let after = 0; tree.size < size; ) {
    const batch = await store.readAll({ after, limit: 5000 });
    if (batch.length === 0) break;
    after = batch[batch.length - 1].position;
    for (const event of batch) {
      if (tree.size >= size) return { root: tree.root(), size: tree.size };
      const leaf = contentLeaf(event);
      onLeaf?.(tree.size, leaf, event);
      tree.append(leaf);
    }
  }
  return { root: tree.root(), size: tree.size };
}

const b64 = (h: Hash) => h.toString('base64');

/**
 * The check of a published result that pins the tree (ResultsPublished v2): the log's first treeSize entries,
 * hashed from their content, must give the pinned root. No pin (v1): nothing to check.
 */
export async function checkPinnedTree(store: LogReader, pin: { treeSize?: number | null; rootHash?: string | null }): Promise<string[]> {
  if (pin.treeSize === undefined || pin.treeSize === null || !pin.rootHash) return [];
  const { root, size } = await recomputeRoot(store, pin.treeSize);
  if (size < pin.treeSize) return [`tree: the log has ${size} entries, fewer than the ${pin.treeSize} the result pinned`];
  if (b64(root) !== pin.rootHash) return [`tree: the log's first ${pin.treeSize} entries, hashed from their content, give root ${b64(root)}, not the pinned ${pin.rootHash}`];
  return [];
}
