import {
  decideScheduler,
  type SchedulerCommand,
  type SchedulerEvent,
  type SchedulerStreamState,
  schedulerStreamId,
} from '@maestro/domain';
import { DecidedStream } from '../event-sourcing/decided-stream';
import { type EventStore } from '../ports/event-store.port';
import { type Randomness } from '../ports/randomness.port';
import { schedulerStreamCodec } from './scheduler-stream.codec';

/** Reads and changes scheduler streams (`scheduler:<name>`) through the scheduler decider. */
export class SchedulerStore {
  private readonly streams: DecidedStream<SchedulerStreamState, SchedulerEvent>;

  constructor(eventStore: EventStore, randomness: Randomness, source: string) {
    this.streams = new DecidedStream(eventStore, randomness, schedulerStreamCodec(source));
  }

  async load(schedulerName: string): Promise<SchedulerStreamState> {
    return (await this.streams.load(schedulerStreamId(schedulerName))).state;
  }

  /** Decides the command on the current stream and appends the outcome; domain errors propagate. */
  async execute(
    schedulerName: string,
    command: SchedulerCommand | ((state: SchedulerStreamState) => SchedulerCommand),
  ): Promise<{ events: readonly SchedulerEvent[]; state: SchedulerStreamState }> {
    return this.streams.decideAndAppend(schedulerStreamId(schedulerName), (state) =>
      decideScheduler(typeof command === 'function' ? command(state) : command, state),
    );
  }
}
