import { MessageSubscriber, type SubscriptionOptions } from '@maestro/application';
import { silentLog, type MessagingLog } from '../messaging-log';
import { type CatchUpSubscription } from '../subscription/catch-up-subscription';
import { defaultRetryPolicy, type RetryPolicy } from '../subscription/retry-policy';
import { type KafkaConnection } from './kafka-connection';
import { KafkaSubscription, type KafkaSubscriptionSettings } from './kafka-subscription';

export interface KafkaSubscriberOptions {
  readonly log?: MessagingLog;
  /** Handler retries before a message is dead-lettered (default: 5 attempts over about 1.5 s). */
  readonly retry?: RetryPolicy;
  /**
   * Partitions whose batches are handled at the same time (default 4), so one slow scheduler does not
   * hold the others up. kafkajs fetches again from a broker once every batch of its previous fetch is
   * done, so a very slow batch still delays the next fetch of that broker's partitions.
   */
  readonly partitionsConsumedConcurrently?: number;
  /** A member silent for this long leaves the group (default 30 s; brokers accept 6–300 s by default). */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** How long a fetch waits for data on an idle topic (default 1 s); bounds how long `stop()` takes. */
  readonly maxWaitTimeMs?: number;
}

/**
 * Consumes topics with one kafkajs consumer per subscription: per-partition order, at-least-once,
 * bounded retries then `<topic>.dead-letter`. A partition is assigned with the same partition of every
 * other topic of the subscription (see `coPartitionedAssigner`).
 */
export class KafkaMessageSubscriber extends MessageSubscriber {
  private readonly settings: KafkaSubscriptionSettings;
  private readonly subscriptions = new Set<KafkaSubscription>();

  constructor(
    private readonly connection: KafkaConnection,
    options: KafkaSubscriberOptions = {},
  ) {
    super();
    this.settings = {
      log: options.log ?? silentLog,
      retry: options.retry ?? defaultRetryPolicy,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 4,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 3_000,
      maxWaitTimeMs: options.maxWaitTimeMs ?? 1_000,
    };
  }

  /** Resolves once the consumer is in its group and positioned; a later message is never missed. */
  async subscribe(options: SubscriptionOptions): Promise<CatchUpSubscription> {
    if (options.topics.length === 0) throw new RangeError('a subscription needs at least one topic');
    if (!options.groupId) throw new RangeError('a subscription needs a group id');
    const subscription: KafkaSubscription = new KafkaSubscription(
      this.connection,
      options,
      this.settings,
      () => this.subscriptions.delete(subscription),
    );
    // Tracked while starting too, so close() also stops a subscription that is still joining.
    this.subscriptions.add(subscription);
    try {
      await subscription.start();
    } catch (error) {
      this.subscriptions.delete(subscription);
      throw error;
    }
    return subscription;
  }

  /** Stops every subscription (each finishes its batch in progress and leaves its group). */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }
}
