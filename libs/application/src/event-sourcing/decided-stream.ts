import { VersionConflictError } from '../errors/application-error';
import { type EventStore, type NewEvent, type RecordedEvent } from '../ports/event-store.port';
import { type Randomness } from '../ports/randomness.port';

/** How one kind of stream is folded and written: its domain events to and from stored ones. */
export interface StreamCodec<TState, TEvent> {
  initialState(streamId: string): TState;
  evolve(state: TState, event: TEvent): TState;
  /** The domain event a stored one stands for; undefined for types this stream does not fold. */
  decode(event: RecordedEvent): TEvent | undefined;
  encode(event: TEvent, eventId: string): NewEvent;
}

export interface LoadedStream<TState> {
  readonly state: TState;
  /** The stream's version: what the next append expects. */
  readonly version: number;
}

const maxAttempts = 8;

/**
 * Read–decide–append with optimistic concurrency: the decision is appended only if nobody wrote
 * to the stream since it was read; otherwise it is made again on the newer state. So a rule the
 * decider enforces (one version operation at a time, a name created once) holds across service
 * instances without locks.
 */
export class DecidedStream<TState, TEvent> {
  constructor(
    private readonly eventStore: EventStore,
    private readonly randomness: Randomness,
    private readonly codec: StreamCodec<TState, TEvent>,
  ) {}

  async load(streamId: string): Promise<LoadedStream<TState>> {
    const recorded = await this.eventStore.readStream(streamId);
    let state = this.codec.initialState(streamId);
    for (const event of recorded) {
      const decoded = this.codec.decode(event);
      if (decoded !== undefined) state = this.codec.evolve(state, decoded);
    }
    return { state, version: recorded.at(-1)?.streamVersion ?? 0 };
  }

  /**
   * Decides on the current state and appends; `decide` may throw to refuse (nothing is written).
   * Returns the decided events and the state after them.
   */
  async decideAndAppend(
    streamId: string,
    decide: (state: TState) => readonly TEvent[],
  ): Promise<{ events: readonly TEvent[]; state: TState }> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.load(streamId);
      const events = decide(state);
      if (events.length === 0) return { events, state };
      try {
        await this.eventStore.append(
          streamId,
          version,
          events.map((event) => this.codec.encode(event, this.randomness.uuid())),
        );
        return { events, state: events.reduce((folded, event) => this.codec.evolve(folded, event), state) };
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= maxAttempts) throw error;
      }
    }
  }
}
