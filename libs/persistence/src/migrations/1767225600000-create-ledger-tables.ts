// The ledger's own tables. Positions come from the one-row ledger_head, not a sequence: a sequence hands out numbers
// that a rolled-back transaction burns, and spec/events.md §4 requires a gap-free log (docs/adr/0001).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLedgerTables1767225600000 implements MigrationInterface {
  readonly name = 'CreateLedgerTables1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        position         bigint      PRIMARY KEY CHECK (position > 0),
        event_id         uuid        NOT NULL UNIQUE,
        stream_id        text        NOT NULL,
        stream_revision  integer     NOT NULL CHECK (stream_revision >= 0),
        type             text        NOT NULL,
        schema_version   integer     NOT NULL,
        occurred_at      timestamptz NOT NULL,
        -- what the client wrote (with its offset), returned as is; the hash uses the UTC instant.
        occurred_at_text text        NOT NULL,
        recorded_at      timestamptz NOT NULL CHECK (recorded_at = date_trunc('milliseconds', recorded_at)),
        actor            jsonb       NOT NULL,
        evidence         jsonb       NOT NULL,
        data             jsonb       NOT NULL,
        unit_id          text        NULL,
        hash             char(64)    NOT NULL,
        prev_hash        char(64)    NOT NULL,
        CONSTRAINT events_stream_revision_key UNIQUE (stream_id, stream_revision)
      )`);
    await queryRunner.query(`CREATE INDEX events_unit_position_idx ON events (unit_id, position) WHERE unit_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE streams (
        stream_id text     PRIMARY KEY,
        -- -1 until the stream's first event: the row exists only to be locked by the transaction that creates it.
        revision  integer  NOT NULL DEFAULT -1,
        last_hash char(64) NOT NULL DEFAULT repeat('0', 64)
      )`);
    await queryRunner.query(`
      CREATE TABLE ledger_head (
        id       boolean  PRIMARY KEY DEFAULT true CHECK (id),
        position bigint   NOT NULL DEFAULT 0,
        hash     char(64) NULL
      )`);
    await queryRunner.query(`INSERT INTO ledger_head (id) VALUES (true)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ledger_head`);
    await queryRunner.query(`DROP TABLE streams`);
    // The append-only trigger refuses TRUNCATE, not DROP: only the schema owner can drop, and only by migrating down.
    await queryRunner.query(`DROP TABLE events`);
  }
}
