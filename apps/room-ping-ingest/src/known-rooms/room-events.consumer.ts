import {
  type AppLogger,
  type IncomingMessage,
  type KnownRooms,
  type MessageSubscriber,
  type Subscription,
} from '@maestro/application';
import { type Topic, topics } from '@maestro/contracts';
import { isCatchUpSubscription } from '@maestro/messaging';
import { type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { retryUntilDone } from '../support/retry-until-done';
import { unlessAborted } from '../support/unless-aborted';
import { type TopicView } from './topic-view';

export interface RoomEventsConsumerOptions {
  /** Unique to this instance, so every instance reads the whole topic (e.g. `room-ping-ingest-<uuid>`). */
  readonly groupId: string;
  /** Waits for the topics to exist; false when the service stops first. */
  readonly topicsReady: () => Promise<boolean>;
  /** Forgets the instance's group once it left it, so restarts leave no dead groups behind. */
  readonly forgetGroup?: (groupId: string) => Promise<void>;
}

type Phase = 'waiting_for_topics' | 'joining' | 'catching_up' | 'caught_up' | 'stopped';

/**
 * Feeds the known-rooms view from `room-events`, and any other views (room details from the same
 * topic, schedulers from `scheduler-events`) from their topics, in one subscription. Each instance
 * reads the topics from the beginning in a group of its own, so it rebuilds the whole views at start
 * and then follows them; the service is ready once they have caught up with what the topics held
 * when the instance joined.
 */
export class RoomEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly stopping = new AbortController();
  private phase: Phase = 'waiting_for_topics';
  private lastProblem?: string;
  private subscription?: Subscription;
  private running?: Promise<void>;
  private readonly topics: readonly Topic[];
  private readonly topicsLabel: string;

  constructor(
    private readonly knownRooms: KnownRooms,
    private readonly subscriber: MessageSubscriber,
    private readonly options: RoomEventsConsumerOptions,
    private readonly logger: AppLogger,
    private readonly views: readonly TopicView[] = [],
  ) {
    this.topics = [...new Set([topics.roomEvents, ...views.map((view) => view.topic)])];
    this.topicsLabel = this.topics.join(' and ');
  }

  onApplicationBootstrap(): void {
    this.running = this.run().catch((error: unknown) => {
      this.lastProblem = describe(error);
      this.logger.error('the known-rooms view stopped following room-events', { err: error });
    });
  }

  /** Undefined once the view has caught up, otherwise what it is waiting for. */
  readinessProblem(): string | undefined {
    switch (this.phase) {
      case 'caught_up':
        return undefined;
      case 'waiting_for_topics':
        return 'waiting for the Kafka topics';
      case 'joining':
        return `joining ${this.topicsLabel}${this.lastProblem ? `: ${this.lastProblem}` : ''}`;
      case 'catching_up':
        return `catching up with ${this.topicsLabel} (${this.knownRooms.size} rooms so far)`;
      case 'stopped':
        return `stopped${this.lastProblem ? `: ${this.lastProblem}` : ''}`;
    }
  }

  /**
   * Stops following the topic: every wait ends at once, a subscribe() already sent to Kafka is let
   * finish (kafkajs bounds it), then the subscription leaves its group and the group is deleted.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.running;
    this.phase = 'stopped';
    const subscription = this.subscription;
    this.subscription = undefined;
    if (!subscription) return;
    await subscription.stop();
    await this.options.forgetGroup?.(this.options.groupId).catch((error: unknown) => {
      this.logger.warn('could not delete the consumer group', { groupId: this.options.groupId, err: error });
    });
  }

  private async run(): Promise<void> {
    const { signal } = this.stopping;
    const topicsReady = await unlessAborted(this.options.topicsReady(), signal);
    if (topicsReady.aborted || !topicsReady.value) return;

    this.phase = 'joining';
    const joined = await retryUntilDone(
      async () => {
        this.subscription = await this.subscriber.subscribe({
          groupId: this.options.groupId,
          topics: this.topics,
          fromBeginning: true,
          handleBatch: this.handleBatch,
        });
      },
      {
        signal,
        onFailure: (error, attempt, retryInMs) => {
          this.lastProblem = describe(error);
          this.logger.warn('could not subscribe to room-events, retrying', {
            err: error,
            attempt,
            retryInMs,
          });
        },
      },
    );
    const subscription = this.subscription;
    if (!joined || !subscription || signal.aborted) return;
    this.lastProblem = undefined;

    if (!isCatchUpSubscription(subscription)) {
      // Without a signal there is nothing to wait for: the view fills as messages arrive.
      this.logger.warn('the subscription cannot tell when it caught up; reporting ready now', {
        groupId: this.options.groupId,
      });
      this.phase = 'caught_up';
      return;
    }
    this.phase = 'catching_up';
    this.logger.info('rebuilding the known rooms from room-events', { groupId: this.options.groupId });
    const caughtUp = await unlessAborted(subscription.waitUntilCaughtUp(), signal);
    if (caughtUp.aborted) return;
    this.phase = 'caught_up';
    this.logger.info('known rooms caught up with room-events', {
      groupId: this.options.groupId,
      rooms: this.knownRooms.size,
    });
  }

  private readonly handleBatch = (messages: readonly IncomingMessage[]): Promise<void> => {
    for (const message of messages) {
      for (const view of this.views) {
        if (view.topic === message.topic && view.apply(message.envelope) === 'invalid') {
          this.logger.warn('event does not match its schema; left out of a view', {
            view: view.name,
            eventId: message.envelope.id,
            type: message.envelope.type,
            schemaVersion: message.envelope.schemaVersion,
          });
        }
      }
      if (message.topic !== topics.roomEvents) continue;
      if (this.knownRooms.apply(message.envelope) === 'invalid') {
        // Skipped rather than retried: a malformed event would block the partition for good.
        this.logger.warn('room event does not match its schema; left out of the known rooms', {
          eventId: message.envelope.id,
          type: message.envelope.type,
          schemaVersion: message.envelope.schemaVersion,
          partition: message.partition,
          offset: message.offset,
        });
      }
    }
    return Promise.resolve();
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
