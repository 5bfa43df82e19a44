// Read models for rankings at any instant (docs/adr/0019-rankings-at-any-instant.md):
// - unit_score_steps: per unit, its overall and part scores as a step function of valid time, everything known;
//   a step holds for asOf ≥ from_ms up to the unit's next step. The first step of every unit starts at the earliest
//   instant a Date can hold, and the partial index over those rows is the list of units.
// - unit_knowledge: per unit and recordedAt, the earliest valid time an event recorded then can change (occurredAt;
//   the earliest instant for a registration or a dispute, which count whatever their occurredAt). A unit with a row
//   recorded after knownAt and effective by asOf is not answered from the steps at that (asOf, knownAt).
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LEDGER_APP_ROLE } from './1767225600002-ledger-app-role.js';

const TABLES = ['unit_score_steps', 'unit_knowledge'];

export class UnitScoreSteps1767225607000 implements MigrationInterface {
  readonly name = 'UnitScoreSteps1767225607000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE unit_score_steps (
        unit_id text    NOT NULL,
        from_ms bigint  NOT NULL,
        overall numeric NOT NULL,
        parts   jsonb   NOT NULL,
        PRIMARY KEY (unit_id, from_ms)
      )`);
    await queryRunner.query(`CREATE INDEX unit_score_steps_units ON unit_score_steps (unit_id) WHERE from_ms = -8640000000000000`);
    await queryRunner.query(`
      CREATE TABLE unit_knowledge (
        unit_id     text   NOT NULL,
        recorded_ms bigint NOT NULL,
        occurred_ms bigint NOT NULL,
        PRIMARY KEY (unit_id, recorded_ms)
      )`);
    await queryRunner.query(`CREATE INDEX unit_knowledge_recorded ON unit_knowledge (recorded_ms, occurred_ms)`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ${TABLES.join(', ')} TO ${LEDGER_APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${TABLES.join(', ')}`);
  }
}
