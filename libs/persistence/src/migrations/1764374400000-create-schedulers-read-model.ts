import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The schedulers read model, maintained from the scheduler events in the append's own transaction
 * (`SchedulerReadModelProjector`) and read by the management API. `schedulers` holds one row per
 * scheduler with its active version; `scheduler_versions` every version's document. A version is
 * active when it equals its scheduler's `active_version`. Rebuildable from the scheduler streams.
 */
export class CreateSchedulersReadModel1764374400000 implements MigrationInterface {
  name = 'CreateSchedulersReadModel1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE schedulers (
        name TEXT PRIMARY KEY,
        game TEXT NOT NULL,
        state TEXT NOT NULL,
        active_version TEXT NOT NULL,
        scheduler JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        state_changed_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
        stream_version INTEGER NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX schedulers_game ON schedulers (game)');
    await queryRunner.query(`
      CREATE TABLE scheduler_versions (
        name TEXT NOT NULL REFERENCES schedulers (name) ON DELETE CASCADE,
        version TEXT NOT NULL,
        scheduler JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (name, version)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE scheduler_versions');
    await queryRunner.query('DROP TABLE schedulers');
  }
}
