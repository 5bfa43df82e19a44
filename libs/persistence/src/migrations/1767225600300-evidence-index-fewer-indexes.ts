// The evidence index drops the two indexes no query uses: nothing asks for a trail by indicator or by type alone
// (the API's trail comes from the store; it reads the index by event_id, and the disputes filter by event_id then
// indicator). Every index costs the rebuild a write per event (1M rows), and a rebuild of the read models must
// reach 50,000 events/s. Kept: position (primary key), event_id (unique), (unit_id, position) for a unit's trail,
// and the partial (unit_id, dispute_id) the overturning resolutions join on.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EvidenceIndexFewerIndexes1767225600300 implements MigrationInterface {
  readonly name = 'EvidenceIndexFewerIndexes1767225600300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS evidence_index_indicator_position');
    await queryRunner.query('DROP INDEX IF EXISTS evidence_index_type_position');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX evidence_index_indicator_position ON evidence_index (indicator, position)');
    await queryRunner.query('CREATE INDEX evidence_index_type_position ON evidence_index (type, position)');
  }
}
