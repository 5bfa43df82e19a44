// Signed checkpoints (integrity.md §2–3): signed with the key from the file, for a size the tree has reached, kept
// in the append-only checkpoints table as history. A new one is signed only when the tree moved and the latest is
// more than `maxAgeMs` old, so a burst of readers shares one signature and none sees one older than that.
import type pg from 'pg';
import { signCheckpoint, type Checkpoint } from '../signed-note.js';
import type { SigningKeys } from '../signing-keys.js';
import type { MerkleTreeStore } from './merkle-tree.store.js';

export interface StoredCheckpoint extends Checkpoint {
  note: string;
  keyId: string;
}

export class CheckpointService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly tree: MerkleTreeStore,
    private readonly keys: SigningKeys,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get signingKeys(): SigningKeys {
    return this.keys;
  }

  async latestStored(): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query<{ tree_size: string; root_hash: Buffer; key_id: string; signed_at: Date; note: string }>(
      'SELECT tree_size, root_hash, key_id, signed_at, note FROM checkpoints WHERE key_id = $1 ORDER BY tree_size DESC, id DESC LIMIT 1',
      [this.keys.current.keyId],
    );
    const r = rows[0];
    return r && { origin: this.keys.origin, size: Number(r.tree_size), rootHash: r.root_hash, time: r.signed_at.toISOString(), note: r.note, keyId: r.key_id };
  }

  /** The latest checkpoint: the tree is brought to the head first; signed anew when it moved (see above). */
  async latest(maxAgeMs = 1000): Promise<StoredCheckpoint> {
    const state = await this.tree.sync();
    const stored = await this.latestStored();
    if (stored && (stored.size === state.size || this.clock().getTime() - Date.parse(stored.time) < maxAgeMs)) return stored;
    return this.signAt(state.size);
  }

  /** Signs (and keeps) a checkpoint of the tree at `size`, which the tree must have reached. */
  async signAt(size: number): Promise<StoredCheckpoint> {
    const rootHash = await this.tree.rootAt(size);
    const checkpoint = { origin: this.keys.origin, size, rootHash, time: this.clock().toISOString() };
    const note = signCheckpoint(checkpoint, this.keys.privateKey);
    await this.pool.query('INSERT INTO checkpoints (tree_size, root_hash, key_id, signed_at, note) VALUES ($1, $2, $3, $4, $5)', [
      size,
      rootHash,
      this.keys.current.keyId,
      checkpoint.time,
      note,
    ]);
    return { ...checkpoint, note, keyId: this.keys.current.keyId };
  }
}
