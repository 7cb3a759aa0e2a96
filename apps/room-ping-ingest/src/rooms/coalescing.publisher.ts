import { MessagePublisher, type OutgoingMessage } from '@maestro/application';

export interface CoalescingOptions {
  /** Sends to the inner publisher at the same time; kafkajs' idempotent producer allows 5 in flight. */
  readonly maxConcurrentSends: number;
  /** Most messages in one send; a larger backlog goes out in several. */
  readonly maxMessagesPerSend: number;
}

interface Pending {
  readonly messages: readonly OutgoingMessage[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const defaults: CoalescingOptions = { maxConcurrentSends: 5, maxMessagesPerSend: 250 };

/**
 * Publishes the messages of many concurrent callers in one send. kafkajs sends one produce request
 * per `send` and keeps at most 5 in flight, so one ping per request caps a service at 5 broker round
 * trips' worth of pings; gathered, the same round trips carry hundreds. Each caller's promise still
 * settles only with the send that carried its messages: acknowledged, or failed with its error.
 *
 * Messages gathered during one turn of the event loop leave together (on `setImmediate`), which adds
 * no waiting worth the name when idle; under load, whatever arrives while sends are in flight waits
 * for the next free slot.
 */
export class CoalescingPublisher extends MessagePublisher {
  private queue: Pending[] = [];
  private queuedMessages = 0;
  private sending = 0;
  private scheduled = false;
  private readonly options: CoalescingOptions;

  constructor(
    private readonly inner: MessagePublisher,
    options: Partial<CoalescingOptions> = {},
  ) {
    super();
    this.options = { ...defaults, ...options };
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ messages, resolve, reject });
      this.queuedMessages += messages.length;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.sending >= this.options.maxConcurrentSends) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && this.sending < this.options.maxConcurrentSends) {
      const batch = this.takeBatch();
      const messages = batch.flatMap((pending) => pending.messages);
      this.sending++;
      this.inner.publish(messages).then(
        () => {
          for (const pending of batch) pending.resolve();
          this.sent();
        },
        (error: unknown) => {
          for (const pending of batch) pending.reject(error);
          this.sent();
        },
      );
    }
  }

  private sent(): void {
    this.sending--;
    if (this.queue.length > 0) this.schedule();
  }

  /** The oldest callers whose messages fit in one send (always at least one caller, whole callers only). */
  private takeBatch(): Pending[] {
    if (this.queuedMessages <= this.options.maxMessagesPerSend) {
      const all = this.queue;
      this.queue = [];
      this.queuedMessages = 0;
      return all;
    }
    let count = 0;
    let taken = 0;
    for (const pending of this.queue) {
      if (taken > 0 && count + pending.messages.length > this.options.maxMessagesPerSend) break;
      count += pending.messages.length;
      taken++;
    }
    const batch = this.queue.slice(0, taken);
    this.queue = this.queue.slice(taken);
    this.queuedMessages -= count;
    return batch;
  }
}
