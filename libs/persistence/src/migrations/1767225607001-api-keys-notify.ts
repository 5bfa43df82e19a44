// Any change to an API key (a revocation above all) is announced on the channel `api_keys_changed`, whoever makes it
// (the API, `ledger keys revoke` in another process, an operator in psql), so an API process that keeps live keys in
// memory drops them at once (apps/api/auth/caching-api-keys.repository.ts, docs/adr/0020-api-key-cache.md).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export const API_KEYS_CHANNEL = 'api_keys_changed';

export class ApiKeysNotify1767225607001 implements MigrationInterface {
  readonly name = 'ApiKeysNotify1767225607001';

  async up(q: QueryRunner): Promise<void> {
    // The payload is the key's SHA-256 for a row change, '*' for a TRUNCATE.
    await q.query(`
      CREATE FUNCTION api_keys_notify() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('${API_KEYS_CHANNEL}', '*');
        ELSE
          PERFORM pg_notify('${API_KEYS_CHANNEL}', OLD.key_sha256);
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await q.query(`CREATE TRIGGER api_keys_notify AFTER UPDATE OR DELETE ON api_keys FOR EACH ROW EXECUTE FUNCTION api_keys_notify()`);
    await q.query(`CREATE TRIGGER api_keys_notify_truncate AFTER TRUNCATE ON api_keys FOR EACH STATEMENT EXECUTE FUNCTION api_keys_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS api_keys_notify_truncate ON api_keys');
    await q.query('DROP TRIGGER IF EXISTS api_keys_notify ON api_keys');
    await q.query('DROP FUNCTION IF EXISTS api_keys_notify()');
  }
}
