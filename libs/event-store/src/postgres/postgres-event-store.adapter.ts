import {
  type AppendResult,
  EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type StreamAppend,
  VersionConflictError,
} from '@maestro/application';
import { type DataSource, type EntityManager } from 'typeorm';
import { type PostgresInlineProjection } from './inline-projection';

interface EventRow {
  global_position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date;
}

const uniqueViolation = '23505';
const streamVersionConstraint = 'events_stream_version_unique';

/**
 * The event store on Postgres. An append and its outbox rows commit in one transaction; the unique
 * `(stream_id, stream_version)` constraint turns a concurrent writer into a `VersionConflictError`.
 */
export class PostgresEventStore extends EventStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projections: readonly PostgresInlineProjection[] = [],
  ) {
    super();
  }

  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const result = await this.appendInTransaction(runner.manager, streamId, expectedVersion, events);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      if (isStreamVersionViolation(error) && expectedVersion !== 'any') {
        throw new VersionConflictError(
          streamId,
          expectedVersion,
          await this.currentVersion(runner.manager, streamId),
        );
      }
      throw error;
    } finally {
      await runner.release();
    }
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (appends.some((append) => append.events.length === 0)) {
      throw new RangeError('append needs at least one event per stream');
    }
    if (appends.length === 0) return [];
    return this.dataSource.transaction(async (manager) => {
      const recorded = await this.insertAtStreamEnds(manager, appends);
      await manager.query('INSERT INTO outbox (global_position) SELECT unnest($1::bigint[])', [
        recorded.map((event) => String(event.globalPosition)),
      ]);
      for (const projection of this.projections) await projection.apply(recorded, manager);
      return appends.map(({ streamId }) => {
        const ofStream = recorded.filter((event) => event.streamId === streamId);
        return {
          nextExpectedVersion: Math.max(...ofStream.map((event) => event.streamVersion)),
          globalPositions: ofStream.map((event) => event.globalPosition),
        };
      });
    });
  }

  /**
   * The append inside a transaction the caller opened (`manager` is bound to it), so the events,
   * their outbox rows and the inline projections commit or roll back with the caller's own writes.
   * The caller commits. A concurrent append to the same stream surfaces as the driver's unique
   * violation (or a `VersionConflictError` when the expected version is already stale); the caller's
   * transaction is then aborted and the caller decides whether to retry.
   */
  async appendInTransaction(
    manager: EntityManager,
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const currentVersion = await this.currentVersion(manager, streamId);
    if (expectedVersion !== 'any' && expectedVersion !== currentVersion) {
      throw new VersionConflictError(streamId, expectedVersion, currentVersion);
    }
    const recorded = await this.insertEvents(manager, streamId, currentVersion, events);
    const positions = recorded.map((event) => event.globalPosition);
    await manager.query('INSERT INTO outbox (global_position) SELECT unnest($1::bigint[])', [
      positions.map(String),
    ]);
    for (const projection of this.projections) await projection.apply(recorded, manager);
    return { nextExpectedVersion: currentVersion + events.length, globalPositions: positions };
  }

  async readStream(streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    const rows = await this.dataSource.query<EventRow[]>(
      'SELECT * FROM events WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version',
      [streamId, fromVersion],
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(afterPosition: bigint, limit: number): Promise<RecordedEvent[]> {
    const rows = await this.dataSource.query<EventRow[]>(
      'SELECT * FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2',
      [afterPosition.toString(), limit],
    );
    return rows.map(toRecordedEvent);
  }

  async readCategory(category: string, afterPosition: bigint, limit: number): Promise<RecordedEvent[]> {
    // A range on stream_id instead of LIKE, so the (stream_id, stream_version) index serves it
    // whatever the database's collation: ';' is the character after ':'.
    const rows = await this.dataSource.query<EventRow[]>(
      `SELECT * FROM events WHERE stream_id >= $1 AND stream_id < $2 AND global_position > $3
       ORDER BY global_position LIMIT $4`,
      [`${category}:`, `${category};`, afterPosition.toString(), limit],
    );
    return rows.map(toRecordedEvent);
  }

  private async currentVersion(manager: EntityManager, streamId: string): Promise<number> {
    const rows = await manager.query<[{ version: number }]>(
      'SELECT COALESCE(MAX(stream_version), 0)::int AS version FROM events WHERE stream_id = $1',
      [streamId],
    );
    return rows[0].version;
  }

  private async insertAtStreamEnds(
    manager: EntityManager,
    appends: readonly StreamAppend[],
  ): Promise<RecordedEvent[]> {
    const flat = appends.flatMap(({ streamId, events }) => events.map((event) => ({ streamId, event })));
    const rows = await manager.query<EventRow[]>(
      `WITH given AS (
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::jsonb[], $6::jsonb[])
           WITH ORDINALITY AS e(stream_id, event_id, type, schema_version, data, metadata, ordinality)
       ), positioned AS (
         SELECT g.*,
                (SELECT COALESCE(MAX(x.stream_version), 0) FROM events x WHERE x.stream_id = g.stream_id)
                  + row_number() OVER (PARTITION BY g.stream_id ORDER BY g.ordinality) AS stream_version
         FROM given g
       )
       INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
       SELECT stream_id, stream_version, event_id, type, schema_version, data, metadata
       FROM positioned ORDER BY ordinality
       RETURNING *`,
      [
        flat.map(({ streamId }) => streamId),
        flat.map(({ event }) => event.eventId),
        flat.map(({ event }) => event.type),
        flat.map(({ event }) => event.schemaVersion),
        flat.map(({ event }) => JSON.stringify(event.data)),
        flat.map(({ event }) => JSON.stringify(event.metadata ?? {})),
      ],
    );
    return rows.map(toRecordedEvent).sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : 1));
  }

  private async insertEvents(
    manager: EntityManager,
    streamId: string,
    currentVersion: number,
    events: readonly NewEvent[],
  ): Promise<RecordedEvent[]> {
    const rows = await manager.query<EventRow[]>(
      `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
       SELECT $1, $2::int + ordinality, event_id, type, schema_version, data, metadata
       FROM unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])
         WITH ORDINALITY AS e(event_id, type, schema_version, data, metadata, ordinality)
       ORDER BY ordinality
       RETURNING *`,
      [
        streamId,
        currentVersion,
        events.map((event) => event.eventId),
        events.map((event) => event.type),
        events.map((event) => event.schemaVersion),
        events.map((event) => JSON.stringify(event.data)),
        events.map((event) => JSON.stringify(event.metadata ?? {})),
      ],
    );
    return rows.map(toRecordedEvent);
  }
}

function isStreamVersionViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } } | undefined)
    ?.driverError;
  return driverError?.code === uniqueViolation && driverError.constraint === streamVersionConstraint;
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    globalPosition: BigInt(row.global_position),
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
