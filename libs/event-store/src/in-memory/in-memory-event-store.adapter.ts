import {
  type AppendResult,
  EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type StreamAppend,
  VersionConflictError,
} from '@maestro/application';

/**
 * The event store's in-memory twin for unit tests. It passes the same contract suite as the
 * Postgres adapter (event-store.contract.ts), so a test that passes on it means the same thing.
 */
export class InMemoryEventStore extends EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly eventIds = new Set<string>();

  constructor(private readonly now: () => Date = () => new Date()) {
    super();
  }

  append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
  ): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new RangeError('append needs at least one event'));
    const stream = this.streams.get(streamId) ?? [];
    const currentVersion = stream.length;
    if (expectedVersion !== 'any' && expectedVersion !== currentVersion) {
      return Promise.reject(new VersionConflictError(streamId, expectedVersion, currentVersion));
    }
    const duplicate = events.find((event) => this.eventIds.has(event.eventId));
    if (duplicate) return Promise.reject(new Error(`event id ${duplicate.eventId} already stored`));
    return Promise.resolve(this.store(streamId, events));
  }

  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (appends.some((append) => append.events.length === 0)) {
      return Promise.reject(new RangeError('append needs at least one event per stream'));
    }
    const ids = appends.flatMap((append) => append.events.map((event) => event.eventId));
    const duplicate = ids.find((id, index) => this.eventIds.has(id) || ids.indexOf(id) !== index);
    if (duplicate !== undefined) return Promise.reject(new Error(`event id ${duplicate} already stored`));
    return Promise.resolve(appends.map((append) => this.store(append.streamId, append.events)));
  }

  /** Stores checked events at the stream's end. */
  private store(streamId: string, events: readonly NewEvent[]): AppendResult {
    const stream = this.streams.get(streamId) ?? [];
    const currentVersion = stream.length;
    const recordedAt = this.now();
    const recorded = events.map((event, index): RecordedEvent => ({
      ...structuredClone(event),
      metadata: structuredClone(event.metadata ?? {}),
      streamId,
      streamVersion: currentVersion + index + 1,
      globalPosition: BigInt(this.log.length + index + 1),
      recordedAt,
    }));
    this.log.push(...recorded);
    this.streams.set(streamId, [...stream, ...recorded]);
    for (const event of events) this.eventIds.add(event.eventId);
    return {
      nextExpectedVersion: currentVersion + events.length,
      globalPositions: recorded.map((event) => event.globalPosition),
    };
  }

  readStream(streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    const stream = this.streams.get(streamId) ?? [];
    return Promise.resolve(
      stream.filter((event) => event.streamVersion >= fromVersion).map((e) => structuredClone(e)),
    );
  }

  readAll(afterPosition: bigint, limit: number): Promise<RecordedEvent[]> {
    return Promise.resolve(
      this.log
        .filter((event) => event.globalPosition > afterPosition)
        .slice(0, limit)
        .map((e) => structuredClone(e)),
    );
  }

  readCategory(category: string, afterPosition: bigint, limit: number): Promise<RecordedEvent[]> {
    const prefix = `${category}:`;
    return Promise.resolve(
      this.log
        .filter((event) => event.globalPosition > afterPosition && event.streamId.startsWith(prefix))
        .slice(0, limit)
        .map((e) => structuredClone(e)),
    );
  }
}
