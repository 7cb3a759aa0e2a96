import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Rooms' last-ping times get a table of their own. The worker writes them every second for every
 * room that pinged (thousands of rows a second); on the `rooms` rows they waited for, and held up,
 * the row locks of the status changes the worker appends, and bloated the rows the management API
 * counts. Existing times move over; the column goes.
 */
export class CreateRoomLastPings1764633600000 implements MigrationInterface {
  name = 'CreateRoomLastPings1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE room_last_pings (
        scheduler_name TEXT NOT NULL,
        room_id TEXT NOT NULL,
        last_ping_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (scheduler_name, room_id)
      )`);
    await queryRunner.query(`
      INSERT INTO room_last_pings (scheduler_name, room_id, last_ping_at)
      SELECT scheduler_name, room_id, last_ping_at FROM rooms WHERE last_ping_at IS NOT NULL`);
    await queryRunner.query('ALTER TABLE rooms DROP COLUMN last_ping_at');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE rooms ADD COLUMN last_ping_at TIMESTAMPTZ');
    await queryRunner.query(`
      UPDATE rooms SET last_ping_at = p.last_ping_at FROM room_last_pings p
      WHERE p.scheduler_name = rooms.scheduler_name AND p.room_id = rooms.room_id`);
    await queryRunner.query('DROP TABLE room_last_pings');
  }
}
