import { CheckpointStore } from './checkpoint-store.port';

/** The checkpoint store's in-memory twin, held to the same contract as the Postgres adapter. */
export class InMemoryCheckpointStore extends CheckpointStore {
  private readonly versions = new Map<string, number>();

  lastApplied(consumer: string, streamId: string): Promise<number> {
    return Promise.resolve(this.versions.get(key(consumer, streamId)) ?? 0);
  }

  lastAppliedMany(consumer: string, streamIds: readonly string[]): Promise<Map<string, number>> {
    return Promise.resolve(
      new Map(streamIds.map((streamId) => [streamId, this.versions.get(key(consumer, streamId)) ?? 0])),
    );
  }

  record(consumer: string, streamId: string, version: number): Promise<void> {
    return this.recordMany(consumer, new Map([[streamId, version]]));
  }

  recordMany(consumer: string, versions: ReadonlyMap<string, number>): Promise<void> {
    for (const version of versions.values()) {
      if (!Number.isInteger(version) || version < 0) {
        return Promise.reject(
          new RangeError(`checkpoint version must be a non-negative integer, got ${String(version)}`),
        );
      }
    }
    for (const [streamId, version] of versions) {
      const current = this.versions.get(key(consumer, streamId)) ?? 0;
      this.versions.set(key(consumer, streamId), Math.max(current, version));
    }
    return Promise.resolve();
  }
}

function key(consumer: string, streamId: string): string {
  return JSON.stringify([consumer, streamId]);
}
