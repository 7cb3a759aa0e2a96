/**
 * What each consumer has applied, per stream: the last stream version. Events are delivered at least
 * once and in stream order, so a consumer skips an event whose version is at or below its checkpoint
 * and records the new version together with the effect (in the same transaction, on Postgres).
 */
export abstract class CheckpointStore {
  /** The last version of `streamId` that `consumer` applied; 0 when it applied none. */
  abstract lastApplied(consumer: string, streamId: string): Promise<number>;

  /** `lastApplied` for several streams at once (a batch of messages); 0 for streams never applied. */
  abstract lastAppliedMany(consumer: string, streamIds: readonly string[]): Promise<Map<string, number>>;

  /** Records that `consumer` applied `streamId` up to `version`. A checkpoint never moves back. */
  abstract record(consumer: string, streamId: string, version: number): Promise<void>;

  /** `record` for several streams at once. */
  abstract recordMany(consumer: string, versions: ReadonlyMap<string, number>): Promise<void>;
}
