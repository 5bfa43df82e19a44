// The role the application runs as (SET ROLE via the pool, see data-source.ts): it may add events and read them,
// never change them, so a bug in our code cannot rewrite history even with the trigger out of the way.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export const LEDGER_APP_ROLE = 'ledger_app';

export class LedgerAppRole1767225600002 implements MigrationInterface {
  readonly name = 'LedgerAppRole1767225600002';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Roles are cluster-wide while our advisory lock is per database: migrations of two databases on one server
    // (parallel test files) may race to create it. The loser sees duplicate_object, or unique_violation on the catalog.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${LEDGER_APP_ROLE}') THEN
          CREATE ROLE ${LEDGER_APP_ROLE} NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END
      $$`);
    // A non-superuser migrator must be a member to SET ROLE; a superuser needs nothing (and re-granting races).
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
           AND NOT pg_has_role(current_user, '${LEDGER_APP_ROLE}', 'MEMBER') THEN
          EXECUTE format('GRANT ${LEDGER_APP_ROLE} TO %I', current_user);
        END IF;
      END
      $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${LEDGER_APP_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON events, streams, ledger_head FROM ${LEDGER_APP_ROLE}`);
    await queryRunner.query(`GRANT SELECT, INSERT ON events TO ${LEDGER_APP_ROLE}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON streams TO ${LEDGER_APP_ROLE}`);
    await queryRunner.query(`GRANT SELECT, UPDATE ON ledger_head TO ${LEDGER_APP_ROLE}`);
    // Read models (projections) come in later migrations by the same owner; their tables are the app's to change.
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${LEDGER_APP_ROLE}`,
    );
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${LEDGER_APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${LEDGER_APP_ROLE}`);
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${LEDGER_APP_ROLE}`,
    );
    await queryRunner.query(`REVOKE ALL ON events, streams, ledger_head FROM ${LEDGER_APP_ROLE}`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${LEDGER_APP_ROLE}`);
    // The role itself stays: it is cluster-wide and other databases on the server may still use it.
  }
}
