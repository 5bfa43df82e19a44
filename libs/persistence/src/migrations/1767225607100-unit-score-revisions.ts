// Rankings at a past knownAt without re-folding (docs/adr/0019-rankings-at-any-instant.md): unit_knowledge (which
// units to re-fold) gives way to unit_score_revisions, the unit's step function as it stood after each recordedAt.
// A row (unit_id, known_ms, changed_ms, steps) says: once what was recorded at known_ms is known, the unit's steps
// from changed_ms on are `steps` ([from_ms, overall, parts] in valid-time order, the first at changed_ms); the steps
// before changed_ms are those of the unit's earlier rows. So at (asOf, knownAt) the unit's scores are, in its latest
// row with known_ms ≤ knownAt and changed_ms ≤ asOf, the step in effect at asOf. The primary key carries changed_ms
// so that probe reads the index alone.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LEDGER_APP_ROLE } from './1767225600002-ledger-app-role.js';

export class UnitScoreRevisions1767225607100 implements MigrationInterface {
  readonly name = 'UnitScoreRevisions1767225607100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE unit_knowledge`);
    await queryRunner.query(`
      CREATE TABLE unit_score_revisions (
        unit_id    text   NOT NULL,
        known_ms   bigint NOT NULL,
        changed_ms bigint NOT NULL,
        steps      jsonb  NOT NULL,
        PRIMARY KEY (unit_id, known_ms) INCLUDE (changed_ms)
      )`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON unit_score_revisions TO ${LEDGER_APP_ROLE}`);
    // The rows' meaning changed with the table: the projection's version bump rebuilds both at the next start.
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE unit_score_revisions`);
    await queryRunner.query(`
      CREATE TABLE unit_knowledge (
        unit_id     text   NOT NULL,
        recorded_ms bigint NOT NULL,
        occurred_ms bigint NOT NULL,
        PRIMARY KEY (unit_id, recorded_ms)
      )`);
    await queryRunner.query(`CREATE INDEX unit_knowledge_recorded ON unit_knowledge (recorded_ms, occurred_ms)`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON unit_knowledge TO ${LEDGER_APP_ROLE}`);
  }
}
