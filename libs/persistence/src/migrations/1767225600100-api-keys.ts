import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys: only a SHA-256 of each key is kept; the key itself is shown once, when issued. */
export class ApiKeys1767225600100 implements MigrationInterface {
  name = 'ApiKeys1767225600100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        key_id      text PRIMARY KEY,
        key_sha256  char(64) NOT NULL UNIQUE,
        unit_id     text NOT NULL,
        user_id     text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_unit ON api_keys (unit_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys`);
  }
}
