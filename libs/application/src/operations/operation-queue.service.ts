import {
  decideOperation,
  OngoingVersionOperationError,
  type OperationDefinitionName,
  type OperationEvent,
  type OperationQueueState,
  operationStreamId,
} from '@maestro/domain';
import { DecidedStream } from '../event-sourcing/decided-stream';
import { type Clock } from '../ports/clock.port';
import { type EventStore } from '../ports/event-store.port';
import { type Randomness } from '../ports/randomness.port';
import { SchedulerError } from '../scheduler/scheduler-errors';
import { operationStreamCodec } from './operation-event.mapper';

/**
 * Writes to a scheduler's operation queue (stream `operations:<name>`), for the API and the worker
 * alike: every change is decided on the current queue and appended only if nobody wrote meanwhile.
 */
export class OperationQueueService {
  private readonly streams: DecidedStream<OperationQueueState, OperationEvent>;

  constructor(
    eventStore: EventStore,
    private readonly clock: Clock,
    private readonly randomness: Randomness,
    source: string,
  ) {
    this.streams = new DecidedStream(eventStore, randomness, operationStreamCodec(source));
  }

  async load(schedulerName: string): Promise<OperationQueueState> {
    return (await this.streams.load(operationStreamId(schedulerName))).state;
  }

  /**
   * Queues an operation and returns its id. A second version operation while one is pending or
   * running is refused with Maestro's message, prefixed by what the caller was doing.
   */
  async enqueue(
    schedulerName: string,
    definitionName: OperationDefinitionName,
    input: Readonly<Record<string, unknown>>,
    refusalPrefix = 'cannot enqueue operation',
  ): Promise<string> {
    const operationId = this.randomness.uuid();
    try {
      await this.change(schedulerName, (state) =>
        decideOperation(
          { kind: 'EnqueueOperation', operationId, definitionName, input, at: this.now() },
          state,
        ),
      );
    } catch (error) {
      if (error instanceof OngoingVersionOperationError) {
        throw new SchedulerError('OngoingVersionOperation', `${refusalPrefix}: ${error.message}`);
      }
      throw error;
    }
    return operationId;
  }

  /** Decides on the current queue and appends; `decide` throws to refuse. */
  async change(
    schedulerName: string,
    decide: (state: OperationQueueState) => readonly OperationEvent[],
  ): Promise<{ events: readonly OperationEvent[]; state: OperationQueueState }> {
    return this.streams.decideAndAppend(operationStreamId(schedulerName), decide);
  }

  now(): string {
    return this.clock.now().toISOString();
  }
}
