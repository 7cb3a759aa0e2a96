import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The rooms read model: one row per live room, written by the worker in the same transaction as the
 * room's events, read by the management API (`GET /schedulers/info`). Rebuildable from room events.
 */
export class CreateRoomsReadModel1764288000000 implements MigrationInterface {
  name = 'CreateRoomsReadModel1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rooms (
        scheduler_name TEXT NOT NULL,
        room_id TEXT NOT NULL,
        version TEXT NOT NULL,
        status TEXT NOT NULL,
        ping_status TEXT NOT NULL DEFAULT 'unknown',
        instance_status TEXT NOT NULL DEFAULT 'unknown',
        running_matches INTEGER NOT NULL DEFAULT 0,
        ports JSONB NOT NULL DEFAULT '[]'::jsonb,
        is_validation_room BOOLEAN NOT NULL DEFAULT false,
        last_ping_at TIMESTAMPTZ,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (scheduler_name, room_id)
      )`);
    await queryRunner.query('CREATE INDEX rooms_scheduler_status ON rooms (scheduler_name, status)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rooms');
  }
}
