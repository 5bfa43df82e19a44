// Events the read models had to leave out (a date an older version stored unchecked, issue 10): the projector and the
// rebuild name them here, in the transaction that moves past them, so /health can say so after any restart without
// reading the whole log. The events themselves stay in the ledger, untouched.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LEDGER_APP_ROLE } from './1767225600002-ledger-app-role.js';

export class UnusableEvents1767225601000 implements MigrationInterface {
  readonly name = 'UnusableEvents1767225601000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE unusable_events (
        position bigint PRIMARY KEY,
        event_id text NOT NULL,
        type text NOT NULL,
        reason text NOT NULL,
        noticed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON unusable_events TO ${LEDGER_APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE unusable_events');
  }
}
