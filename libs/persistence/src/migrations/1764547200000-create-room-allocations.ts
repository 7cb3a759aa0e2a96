import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Allocations handed out by the allocate API, one row per room (its latest allocation), written in
 * the transaction that appends the room's `RoomAllocated` event. Plus the index the pick walks —
 * the ready, non-validation rooms of a scheduler, oldest first — so a pick costs the same whether
 * a scheduler has ten ready rooms or ten thousand.
 */
export class CreateRoomAllocations1764547200000 implements MigrationInterface {
  name = 'CreateRoomAllocations1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE room_allocations (
        scheduler_name TEXT NOT NULL,
        room_id TEXT NOT NULL,
        allocated_at TIMESTAMPTZ NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (scheduler_name, room_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX rooms_allocatable ON rooms (scheduler_name, created_at, room_id)
       WHERE status = 'ready' AND is_validation_room = false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX rooms_allocatable');
    await queryRunner.query('DROP TABLE room_allocations');
  }
}
