import { type IncomingMessage, type SubscriptionOptions } from '@maestro/application';
import { type MessagingLog } from '../messaging-log';
import { type CatchUpSubscription } from '../subscription/catch-up-subscription';
import { type CatchUpTracker } from '../subscription/catch-up-tracker';
import { type DeliveryOutcome, deliverWithRetries } from '../subscription/deliver-with-retries';
import { type RetryPolicy } from '../subscription/retry-policy';
import { sleep } from '../subscription/sleep';

/** One member of an in-memory consumer group: it receives the batches of the partitions it owns. */
export class InMemorySubscription implements CatchUpSubscription {
  readonly topics: ReadonlySet<string>;
  private stopped = false;
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<DeliveryOutcome>>();

  constructor(
    private readonly options: SubscriptionOptions,
    readonly tracker: CatchUpTracker,
    private readonly retry: RetryPolicy,
    private readonly log: MessagingLog,
    private readonly leave: (subscription: InMemorySubscription) => void,
  ) {
    this.topics = new Set(options.topics);
  }

  get groupId(): string {
    return this.options.groupId;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Hands a batch to the handler with the bus's retry policy, while this member owns the partition. */
  deliver(messages: readonly IncomingMessage[], ownsPartition: () => boolean): Promise<DeliveryOutcome> {
    const delivery = deliverWithRetries(messages, {
      handleBatch: this.options.handleBatch,
      policy: this.retry,
      isActive: () => !this.stopped && ownsPartition(),
      pause: (ms) => sleep(ms, this.stopping.signal),
      log: this.log,
    });
    this.inFlight.add(delivery);
    const settle = (): void => {
      this.inFlight.delete(delivery);
    };
    delivery.then(settle, settle);
    return delivery;
  }

  /** Leaves the group at once, then waits for the batches this member is still handling. */
  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.stopping.abort();
      this.leave(this);
      this.tracker.abandon(new Error(`subscription of group ${this.options.groupId} stopped`));
    }
    await Promise.allSettled([...this.inFlight]);
  }

  isCaughtUp(): boolean {
    return this.tracker.isCaughtUp();
  }

  waitUntilCaughtUp(): Promise<void> {
    return this.tracker.waitUntilCaughtUp();
  }
}
