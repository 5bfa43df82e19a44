// The verifiable ledger in the API (integrity.md §3): the Merkle tree follower, the signing key and checkpoints,
// inclusion and consistency proofs. The follower keeps the tree near the head in the background; every checkpoint
// and proof also brings the tree up to the head first, so none runs ahead of the tree or lags it by more than the
// one-second signing window (docs/adr/0015).
import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import type { StoredEvent } from '../../../events/index.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import { CheckpointService, type StoredCheckpoint } from '../../../libs/integrity/src/postgres/checkpoints.store.js';
import { followTree, MerkleTreeStore } from '../../../libs/integrity/src/postgres/merkle-tree.store.js';
import { eventLeafHash, PROOF_BUNDLE_FORMAT, type ProofBundle } from '../../../libs/integrity/src/proof-bundle.js';
import { formatVerifierKey } from '../../../libs/integrity/src/signed-note.js';
import { loadSigningKeys, signingKeySettings } from '../../../libs/integrity/src/signing-keys.js';

export class ProofRequestError extends Error {
  constructor(
    readonly kind: 'invalid' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

export interface InclusionAnswer {
  eventId: string;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  hashes: string[];
}

const b64 = (h: Buffer) => h.toString('base64');

export class IntegrityService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly tree: MerkleTreeStore;
  readonly checkpoints: CheckpointService;
  private readonly abort = new AbortController();
  private follower: Promise<void> | undefined;

  constructor(
    pool: pg.Pool,
    private readonly store: EventStore,
    dataDir: string,
    private readonly options: { follow?: boolean } = {},
  ) {
    this.tree = MerkleTreeStore.forStore(pool, store);
    this.checkpoints = new CheckpointService(pool, this.tree, loadSigningKeys(signingKeySettings(process.env, dataDir)));
  }

  onApplicationBootstrap(): void {
    // In the background: proofs are right without it, only their first reads of old tiles are slower.
    this.tree.warm().catch((e) => Logger.warn(`Merkle tiles not loaded into memory: ${(e as Error).message}`, 'integrity'));
    if (this.options.follow === false) return;
    this.follower = this.follow().catch((e) => Logger.error(`Merkle tree follower stopped: ${(e as Error).message}`, undefined, 'integrity'));
  }

  async onModuleDestroy(): Promise<void> {
    this.abort.abort();
    await this.follower;
  }

  /** Keeps the tree near the head in the background (followTree: a sync every 250 ms at most). */
  private follow(): Promise<void> {
    return followTree(this.tree, this.abort.signal, {
      onError: (e) => Logger.warn(`Merkle tree sync failed, retried shortly: ${(e as Error).message}`, 'integrity'),
    });
  }

  verifierKeys(): { current: string; retired: string[]; origin: string } {
    const keys = this.checkpoints.signingKeys;
    return { origin: keys.origin, current: formatVerifierKey(keys.current), retired: keys.retired.map(formatVerifierKey) };
  }

  latestCheckpoint(): Promise<StoredCheckpoint> {
    return this.checkpoints.latest();
  }

  /** A checkpoint of the log at a position (ResultsPublished pins one): the tree is brought that far first. */
  async checkpointAtPosition(position: number): Promise<StoredCheckpoint> {
    await this.tree.sync(position);
    const size = await this.sizeAtPosition(position);
    return this.checkpoints.signAt(size);
  }

  /** What ResultsPublished pins: the tree of the log at ledgerPosition, and its signed checkpoint. */
  async pinTree(position: number): Promise<{ treeSize: number; rootHash: string; checkpoint: string }> {
    const checkpoint = await this.checkpointAtPosition(position);
    return { treeSize: checkpoint.size, rootHash: b64(checkpoint.rootHash), checkpoint: checkpoint.note };
  }

  /** Entries at or below a position: on PostgreSQL the position itself. */
  async sizeAtPosition(position: number): Promise<number> {
    const index = await this.tree.leafIndexOf(position);
    if (index === undefined) throw new ProofRequestError('not_found', `ledgerPosition: the tree has not reached position ${position}`);
    return index + 1;
  }

  async inclusion(eventId: string, treeSize?: number): Promise<InclusionAnswer & { event: StoredEvent; checkpoint?: StoredCheckpoint }> {
    const [event] = await this.store.findByIds([eventId]);
    if (!event) throw new ProofRequestError('not_found', `eventId: no event ${eventId}`);
    let checkpoint: StoredCheckpoint | undefined;
    if (treeSize === undefined) {
      checkpoint = await this.latestCheckpoint();
      treeSize = checkpoint.size;
    }
    let leafIndex = await this.tree.leafIndexOf(event.position);
    // The tree only grows: when it is known to hold this event and treeSize, the proof needs no sync (one read
    // less, and no contention with the follower). Otherwise it is brought to the head first.
    let size = this.tree.knownSize;
    if (leafIndex === undefined || leafIndex >= size || treeSize > size) {
      size = (await this.tree.sync()).size;
      leafIndex ??= await this.tree.leafIndexOf(event.position);
    }
    if (leafIndex === undefined || leafIndex >= size) throw new ProofRequestError('not_found', `eventId: the tree has not reached event ${eventId} yet`);
    if (treeSize > size) throw new ProofRequestError('invalid', `treeSize: the tree has ${size} entries, not ${treeSize}`);
    if (leafIndex >= treeSize) throw new ProofRequestError('invalid', `treeSize: event ${eventId} is entry ${leafIndex}, not in a tree of ${treeSize}`);
    const hashes = await this.tree.inclusion(leafIndex, treeSize);
    return { eventId: event.eventId, leafIndex, treeSize, leafHash: b64(eventLeafHash(event.hash)), hashes: hashes.map(b64), event, checkpoint };
  }

  async consistency(from: number, to: number): Promise<{ from: number; to: number; hashes: string[] }> {
    if (from > to) throw new ProofRequestError('invalid', `from: must not exceed to (${from} > ${to})`);
    // As for inclusion: a size the tree is known to hold needs no sync.
    const size = to <= this.tree.knownSize ? this.tree.knownSize : (await this.tree.sync()).size;
    if (to > size) throw new ProofRequestError('invalid', `to: the tree has ${size} entries, not ${to}`);
    return { from, to, hashes: (await this.tree.consistency(from, to)).map(b64) };
  }

  /** The bundle of `ledger prove`: against the latest checkpoint. */
  async proofBundle(eventId: string): Promise<ProofBundle> {
    const checkpoint = await this.latestCheckpoint();
    const { event, leafIndex, treeSize, leafHash, hashes } = await this.inclusion(eventId, checkpoint.size);
    return { format: PROOF_BUNDLE_FORMAT, event, leafIndex, treeSize, leafHash, hashes, checkpoint: checkpoint.note };
  }
}
