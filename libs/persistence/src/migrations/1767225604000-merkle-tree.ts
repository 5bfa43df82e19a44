// The log as a Merkle tree (integrity.md, docs/adr/0015): hashes of perfect subtrees in tiles of 256, the tree's
// size, and the signed checkpoints. Derived from the events, but protected like them: the application role may only
// extend a tile (never change a stored hash), add checkpoints, and never delete; `ledger rebuild --tree` runs as the
// owner and disables the trigger for its transaction. The signing key is NOT here (integrity.md §2).
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LEDGER_APP_ROLE } from './1767225600002-ledger-app-role.js';

export class MerkleTree1767225604000 implements MigrationInterface {
  readonly name = 'MerkleTree1767225604000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE merkle_tiles (
        -- tile level L holds hashes of perfect subtrees of height 8·L; tile idx covers node indexes idx·256 …
        level  smallint NOT NULL CHECK (level >= 0),
        idx    bigint   NOT NULL CHECK (idx >= 0),
        hashes bytea    NOT NULL CHECK (length(hashes) % 32 = 0 AND length(hashes) BETWEEN 32 AND 8192),
        PRIMARY KEY (level, idx)
      )`);
    await q.query(`
      CREATE TABLE merkle_tree (
        id            boolean PRIMARY KEY DEFAULT true CHECK (id),
        size          bigint  NOT NULL DEFAULT 0 CHECK (size >= 0),
        -- the position of the last entry (on PostgreSQL = size; EventStoreDB positions have gaps)
        last_position bigint  NOT NULL DEFAULT 0
      )`);
    await q.query(`INSERT INTO merkle_tree (id) VALUES (true)`);
    // Only with EventStoreDB (positions with gaps): which position each entry has.
    await q.query(`
      CREATE TABLE merkle_leaf_positions (
        leaf_index bigint PRIMARY KEY,
        position   bigint NOT NULL UNIQUE
      )`);
    await q.query(`
      CREATE TABLE checkpoints (
        id        bigserial   PRIMARY KEY,
        tree_size bigint      NOT NULL,
        root_hash bytea       NOT NULL,
        key_id    char(8)     NOT NULL,
        signed_at timestamptz NOT NULL,
        note      text        NOT NULL
      )`);
    await q.query(`CREATE INDEX checkpoints_size ON checkpoints (tree_size)`);
    await q.query(`
      CREATE FUNCTION merkle_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Nested: PL/pgSQL resolves NEW.<field> when the expression runs, and each table has its own fields.
        IF TG_OP = 'UPDATE' THEN
          IF TG_TABLE_NAME = 'merkle_tiles' THEN
            IF NEW.level = OLD.level AND NEW.idx = OLD.idx AND length(NEW.hashes) > length(OLD.hashes)
               AND substring(NEW.hashes FROM 1 FOR length(OLD.hashes)) = OLD.hashes THEN
              RETURN NEW;
            END IF;
          ELSIF TG_TABLE_NAME = 'merkle_tree' THEN
            IF NEW.size >= OLD.size AND NEW.last_position >= OLD.last_position THEN
              RETURN NEW;
            END IF;
          END IF;
        END IF;
        RAISE EXCEPTION 'the Merkle tree is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation', HINT = 'rebuild it from the log with ledger rebuild --tree';
      END
      $$`);
    for (const table of ['merkle_tiles', 'merkle_tree', 'merkle_leaf_positions', 'checkpoints']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION merkle_refuse_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION merkle_refuse_change()`);
      await q.query(`REVOKE ALL ON ${table} FROM ${LEDGER_APP_ROLE}`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE ON merkle_tiles, merkle_tree TO ${LEDGER_APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT ON merkle_leaf_positions, checkpoints TO ${LEDGER_APP_ROLE}`);
    await q.query(`GRANT USAGE ON SEQUENCE checkpoints_id_seq TO ${LEDGER_APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['checkpoints', 'merkle_leaf_positions', 'merkle_tree', 'merkle_tiles']) await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP FUNCTION merkle_refuse_change()`);
  }
}
