import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The operations read model (`OperationsReadModelProjector`), one row per operation with its
 * status, input and execution history, for GET …/operations. Rebuildable from the `operations:*`
 * streams. Kept forever: unlike Maestro, history does not expire after 24 h.
 */
export class CreateOperationsReadModel1764460800000 implements MigrationInterface {
  name = 'CreateOperationsReadModel1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE operations (
        id UUID PRIMARY KEY,
        scheduler_name TEXT NOT NULL,
        definition_name TEXT NOT NULL,
        status TEXT NOT NULL,
        input JSONB NOT NULL,
        execution_history JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX operations_by_scheduler_status ON operations (scheduler_name, status, created_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE operations');
  }
}
