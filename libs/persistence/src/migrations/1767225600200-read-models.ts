// The read models of projections/ and their checkpoints. They are derived data: a rebuild empties and refills them
// from the events, so unlike the ledger's tables the app role may change and truncate them.
// Named after the app-role migration (…0002) so the role exists when this one grants to it.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LEDGER_APP_ROLE } from './1767225600002-ledger-app-role.js';

const TABLES = ['projection_checkpoints', 'evidence_index', 'disputes', 'unit_scores', 'unit_indicator_scores'];

export class ReadModels1767225600200 implements MigrationInterface {
  readonly name = 'ReadModels1767225600200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_checkpoints (
        name       text        PRIMARY KEY,
        version    integer     NOT NULL,
        position   bigint      NOT NULL DEFAULT 0 CHECK (position >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE evidence_index (
        position               bigint      PRIMARY KEY,
        event_id               uuid        NOT NULL UNIQUE,
        type                   text        NOT NULL,
        unit_id                text        NULL,
        indicator              text        NULL,
        occurred_at            timestamptz NOT NULL,
        recorded_at            timestamptz NOT NULL,
        actor_unit_id          text        NOT NULL,
        dispute_id             text        NULL,
        refers_to              uuid[]      NOT NULL DEFAULT '{}',
        retracted_by_event_id  uuid        NULL,
        retracted_at           timestamptz NULL,
        dispute_ids            text[]      NOT NULL DEFAULT '{}',
        disputed               boolean     NOT NULL DEFAULT false,
        overturned             boolean     NOT NULL DEFAULT false,
        overturned_by_event_id uuid        NULL,
        overturned_at          timestamptz NULL
      )`);
    await queryRunner.query(`CREATE INDEX evidence_index_unit_position ON evidence_index (unit_id, position)`);
    await queryRunner.query(`CREATE INDEX evidence_index_indicator_position ON evidence_index (indicator, position)`);
    await queryRunner.query(`CREATE INDEX evidence_index_type_position ON evidence_index (type, position)`);
    await queryRunner.query(
      `CREATE INDEX evidence_index_dispute ON evidence_index (unit_id, dispute_id) WHERE dispute_id IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE disputes (
        unit_id           text        NOT NULL,
        dispute_id        text        NOT NULL,
        status            text        NOT NULL CHECK (status IN ('open', 'resolved')),
        decision          text        NULL CHECK (decision IN ('upheld', 'overturned')),
        finding_event_ids text[]      NOT NULL,
        grounds           text        NOT NULL,
        filed_at          timestamptz NOT NULL,
        filed_event_id    uuid        NOT NULL,
        filed_position    bigint      NOT NULL,
        resolved_at       timestamptz NULL,
        resolved_event_id uuid        NULL,
        resolution_note   text        NULL,
        PRIMARY KEY (unit_id, dispute_id)
      )`);
    await queryRunner.query(`CREATE INDEX disputes_status_position ON disputes (status, filed_position)`);

    await queryRunner.query(`
      CREATE TABLE unit_scores (
        unit_id        text    PRIMARY KEY,
        name           text    NOT NULL,
        kind           text    NOT NULL,
        overall        numeric NOT NULL,
        parts          jsonb   NOT NULL,
        as_of_position bigint  NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`CREATE INDEX unit_scores_ranking ON unit_scores (overall DESC, unit_id)`);
    await queryRunner.query(`
      CREATE TABLE unit_indicator_scores (
        unit_id   text    NOT NULL,
        indicator text    NOT NULL,
        ordinal   integer NOT NULL,
        score     numeric NOT NULL,
        max       numeric NOT NULL,
        status    text    NOT NULL,
        PRIMARY KEY (unit_id, indicator)
      )`);

    // Default privileges of the role migration cover SELECT … DELETE; a rebuild also truncates.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ${TABLES.join(', ')} TO ${LEDGER_APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${[...TABLES].reverse().join(', ')}`);
  }
}
