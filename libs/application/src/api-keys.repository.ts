// Issues, finds and revokes API keys. The key is `lk_<id>_<secret>`; only its SHA-256 is stored, and the id
// (not secret) is what people quote to revoke it.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Actor } from '../../../events/index.js';

export interface IssuedKey {
  keyId: string;
  key: string;
}

export interface KeyRecord {
  keyId: string;
  unitId: string;
  userId: string;
  createdAt: string;
  revokedAt: string | null;
}

const KEY_FORMAT = /^lk_([a-z0-9]{10})_([A-Za-z0-9_-]{32,64})$/;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export class ApiKeysRepository {
  constructor(private readonly pool: pg.Pool) {}

  async issue(unitId: string, userId: string): Promise<IssuedKey> {
    const keyId = randomBytes(8).toString('hex').slice(0, 10);
    const key = `lk_${keyId}_${randomBytes(24).toString('base64url')}`;
    await this.pool.query('INSERT INTO api_keys (key_id, key_sha256, unit_id, user_id) VALUES ($1, $2, $3, $4)', [
      keyId,
      sha256(key),
      unitId,
      userId,
    ]);
    return { keyId, key };
  }

  /** The actor of a live key, or null for a malformed, unknown or revoked one. */
  async actorOf(key: string): Promise<Actor | null> {
    if (!KEY_FORMAT.test(key)) return null;
    const { rows } = await this.pool.query<{ unit_id: string; user_id: string }>(
      'SELECT unit_id, user_id FROM api_keys WHERE key_sha256 = $1 AND revoked_at IS NULL',
      [sha256(key)],
    );
    return rows[0] ? { unitId: rows[0].unit_id, userId: rows[0].user_id } : null;
  }

  /** Revokes by key id; true when a live key was revoked. */
  async revoke(keyId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL', [keyId]);
    return (rowCount ?? 0) > 0;
  }

  async list(): Promise<KeyRecord[]> {
    const { rows } = await this.pool.query<{ key_id: string; unit_id: string; user_id: string; created_at: Date; revoked_at: Date | null }>(
      'SELECT key_id, unit_id, user_id, created_at, revoked_at FROM api_keys ORDER BY created_at',
    );
    return rows.map((r) => ({
      keyId: r.key_id,
      unitId: r.unit_id,
      userId: r.user_id,
      createdAt: r.created_at.toISOString(),
      revokedAt: r.revoked_at?.toISOString() ?? null,
    }));
  }
}
