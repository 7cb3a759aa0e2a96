/** An event to append: what happened, not yet positioned in the log. */
export interface NewEvent {
  /** Unique id, chosen by the caller so a retried append can be recognised downstream. */
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly metadata?: Record<string, unknown>;
}

/** An event as stored: positioned in its stream and in the global log. */
export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  /** 1 for a stream's first event. */
  readonly streamVersion: number;
  /** Strictly increasing over the whole log. */
  readonly globalPosition: bigint;
  readonly metadata: Record<string, unknown>;
  readonly recordedAt: Date;
}

/** Events for one stream, in an append that spans several. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
}

/**
 * Expected version of a stream before an append: `0` means "the stream must not exist yet";
 * `'any'` skips the check (only for streams with a single writer by construction).
 */
export type ExpectedVersion = number | 'any';

export interface AppendResult {
  /** The stream's version after the append. */
  readonly nextExpectedVersion: number;
  readonly globalPositions: readonly bigint[];
}

/**
 * The append-only event log with optimistic concurrency per stream. An append is atomic: either
 * all its events are stored (with their outbox entries) or none, and a conflicting append raises
 * `VersionConflictError`.
 */
export abstract class EventStore {
  abstract append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
  ): Promise<AppendResult>;

  /**
   * Appends to several streams at once, atomically (all of it or none), each at its stream's end
   * without a version check: for a writer that owns the streams by construction and changes many
   * at one time (the fleet creating a batch of rooms). Every stream needs at least one event. The
   * results come in the order given.
   */
  abstract appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;

  /** A stream's events in order, from `fromVersion` (inclusive, default 1). Empty when absent. */
  abstract readStream(streamId: string, fromVersion?: number): Promise<RecordedEvent[]>;

  /** The log in global order after `afterPosition` (exclusive), at most `limit` events. */
  abstract readAll(afterPosition: bigint, limit: number): Promise<RecordedEvent[]>;

  /**
   * Events of every stream of a category (`scheduler` for `scheduler:*` streams) in global order
   * after `afterPosition`, at most `limit`: how a service rebuilds its state of all schedulers at
   * start-up without scanning the rooms' events.
   */
  abstract readCategory(category: string, afterPosition: bigint, limit: number): Promise<RecordedEvent[]>;
}
