// Evidence files (issue 14, docs/adr/0018-evidence-files.md): content-addressed and append-only like the events.
// The bytes live in chunk rows (so a download streams chunk by chunk); a file row names them by SHA-256; each unit
// that uploaded the bytes has an upload row (the uploader may read its upload back). A trigger refuses UPDATE,
// DELETE and TRUNCATE on all three, and the application role may only INSERT and SELECT.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LEDGER_APP_ROLE } from './1767225600002-ledger-app-role.js';

const TABLES = ['evidence_chunks', 'evidence_files', 'evidence_uploads'];

export class EvidenceFiles1767225606000 implements MigrationInterface {
  readonly name = 'EvidenceFiles1767225606000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE evidence_chunks (
        content_id uuid NOT NULL,
        seq integer NOT NULL CHECK (seq >= 0),
        data bytea NOT NULL,
        PRIMARY KEY (content_id, seq)
      )`);
    // Evidence is mostly compressed already (JPEG, PNG, PDF, zip containers): storing it uncompressed saves CPU.
    await queryRunner.query(`ALTER TABLE evidence_chunks ALTER COLUMN data SET STORAGE EXTERNAL`);
    await queryRunner.query(`
      CREATE TABLE evidence_files (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_id uuid NOT NULL UNIQUE,
        size bigint NOT NULL CHECK (size >= 0),
        chunk_count integer NOT NULL CHECK (chunk_count >= 0),
        media_type text NOT NULL,
        file_name text NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE evidence_uploads (
        sha256 text NOT NULL REFERENCES evidence_files (sha256),
        unit_id text NOT NULL,
        user_id text NOT NULL,
        file_name text NOT NULL,
        media_type text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sha256, unit_id)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION evidence_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'evidence files are append-only: % on % is refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation',
                HINT = 'upload the corrected document as a new file and reference it from a new event';
      END
      $$`);
    for (const table of TABLES) {
      await queryRunner.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_change()`);
      // The default privileges of the role migration give read models UPDATE and DELETE: not these tables.
      await queryRunner.query(`REVOKE ALL ON ${table} FROM ${LEDGER_APP_ROLE}`);
      await queryRunner.query(`GRANT SELECT, INSERT ON ${table} TO ${LEDGER_APP_ROLE}`);
    }
    // Read model (projections/evidence-files): which events reference which file. Rebuilt from the events.
    await queryRunner.query(`
      CREATE TABLE evidence_file_refs (
        sha256 text NOT NULL,
        event_id uuid NOT NULL,
        position bigint NOT NULL,
        unit_id text,
        PRIMARY KEY (sha256, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE evidence_file_refs`);
    for (const table of [...TABLES].reverse()) await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query(`DROP FUNCTION evidence_refuse_change()`);
  }
}
