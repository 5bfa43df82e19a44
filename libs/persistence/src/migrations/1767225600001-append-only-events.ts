// Append-only in the database itself (spec/events.md §4): even the table owner's UPDATE, DELETE or TRUNCATE fails.
// Changing a row takes ALTER TABLE … DISABLE TRIGGER, which the application role cannot do, and the hash chain
// still exposes the change.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AppendOnlyEvents1767225600001 implements MigrationInterface {
  readonly name = 'AppendOnlyEvents1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger events are append-only: % on events is refused', TG_OP
          USING ERRCODE = 'restrict_violation',
                HINT = 'record a correction as a new event (e.g. FindingRetracted) instead';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION events_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER events_no_truncate ON events`);
    await queryRunner.query(`DROP TRIGGER events_no_update_delete ON events`);
    await queryRunner.query(`DROP FUNCTION events_refuse_change()`);
  }
}
