// The trail (GET /v1/events) answers from the evidence index (issue 9): each row gets every indicator its event is
// about — a dispute names findings of several indicators — and an index for the type filter, so a page is one indexed
// query at any ledger size. The rows are refilled by the projection, whose version bump rebuilds it at start.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EvidenceIndexIndicators1767225608000 implements MigrationInterface {
  readonly name = 'EvidenceIndexIndicators1767225608000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE evidence_index ADD COLUMN indicators text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query('CREATE INDEX evidence_index_type_position ON evidence_index (type, position)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX evidence_index_type_position');
    await queryRunner.query('ALTER TABLE evidence_index DROP COLUMN indicators');
  }
}
