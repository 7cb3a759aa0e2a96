import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The event log, its transactional outbox and the consumers' checkpoints (docs/adr/0003-event-store.md).
 * `(stream_id, stream_version)` is unique: that constraint is the optimistic-concurrency check.
 */
export class CreateEventStore1764201600000 implements MigrationInterface {
  name = 'CreateEventStore1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        global_position BIGSERIAL PRIMARY KEY,
        stream_id TEXT NOT NULL,
        stream_version INTEGER NOT NULL CHECK (stream_version > 0),
        event_id UUID NOT NULL,
        type TEXT NOT NULL,
        schema_version INTEGER NOT NULL CHECK (schema_version > 0),
        data JSONB NOT NULL,
        metadata JSONB NOT NULL DEFAULT '{}'::jsonb,
        recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version),
        CONSTRAINT events_event_id_unique UNIQUE (event_id)
      )`);
    // Rows wait here until the relay has published their event; deleting a row marks it published.
    await queryRunner.query(`
      CREATE TABLE outbox (
        global_position BIGINT PRIMARY KEY REFERENCES events (global_position),
        enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
    // The last stream version each consumer applied, so a redelivered event is recognised and skipped.
    await queryRunner.query(`
      CREATE TABLE consumer_checkpoints (
        consumer TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        stream_version INTEGER NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, stream_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE consumer_checkpoints');
    await queryRunner.query('DROP TABLE outbox');
    await queryRunner.query('DROP TABLE events');
  }
}
