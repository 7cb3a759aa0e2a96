import { type DataSource, type EntityManager } from 'typeorm';
import { CheckpointStore } from './checkpoint-store.port';

/**
 * Checkpoints in `consumer_checkpoints`. Every method takes an optional `EntityManager`: pass the one
 * of the transaction that updates the consumer's projection, so the effect and the checkpoint commit
 * (or roll back) together and a redelivered event is skipped exactly when its effect is stored.
 */
export class PostgresCheckpointStore extends CheckpointStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async lastApplied(consumer: string, streamId: string, manager?: EntityManager): Promise<number> {
    const versions = await this.lastAppliedMany(consumer, [streamId], manager);
    return versions.get(streamId) ?? 0;
  }

  async lastAppliedMany(
    consumer: string,
    streamIds: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, number>> {
    const versions = new Map(streamIds.map((streamId) => [streamId, 0]));
    if (streamIds.length === 0) return versions;
    const rows = await (manager ?? this.dataSource.manager).query<
      { stream_id: string; stream_version: number }[]
    >(
      `SELECT stream_id, stream_version FROM consumer_checkpoints
        WHERE consumer = $1 AND stream_id = ANY($2::text[])`,
      [consumer, [...streamIds]],
    );
    for (const row of rows) versions.set(row.stream_id, row.stream_version);
    return versions;
  }

  record(consumer: string, streamId: string, version: number, manager?: EntityManager): Promise<void> {
    return this.recordMany(consumer, new Map([[streamId, version]]), manager);
  }

  async recordMany(
    consumer: string,
    versions: ReadonlyMap<string, number>,
    manager?: EntityManager,
  ): Promise<void> {
    if (versions.size === 0) return;
    for (const version of versions.values()) {
      if (!Number.isInteger(version) || version < 0) {
        throw new RangeError(`checkpoint version must be a non-negative integer, got ${String(version)}`);
      }
    }
    // GREATEST: a late, redelivered event must not drag the checkpoint back.
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO consumer_checkpoints (consumer, stream_id, stream_version)
       SELECT $1, stream_id, stream_version FROM unnest($2::text[], $3::int[]) AS c(stream_id, stream_version)
       ON CONFLICT (consumer, stream_id) DO UPDATE
         SET stream_version = GREATEST(consumer_checkpoints.stream_version, EXCLUDED.stream_version),
             updated_at = now()`,
      [consumer, [...versions.keys()], [...versions.values()]],
    );
  }
}
