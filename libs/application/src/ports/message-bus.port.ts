import { type EventEnvelope } from '@maestro/contracts';

/** A message to publish: keyed by scheduler name so one scheduler's messages stay in order. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string;
  readonly envelope: EventEnvelope;
}

/** A message as consumed, with its position in its partition. */
export interface IncomingMessage {
  readonly topic: string;
  readonly partition: number;
  /** Kafka offset as a decimal string (64-bit). */
  readonly offset: string;
  readonly key: string;
  readonly envelope: EventEnvelope;
}

/**
 * Publishes messages and resolves only once the bus has durably accepted all of them (Kafka:
 * acknowledged by every in-sync replica). Messages with the same key keep their relative order.
 */
export abstract class MessagePublisher {
  abstract publish(messages: readonly OutgoingMessage[]): Promise<void>;
}

export interface SubscriptionOptions {
  /** Consumers sharing a group id split the partitions between them. */
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Where a group without committed offsets starts. */
  readonly fromBeginning: boolean;
  /**
   * Handles one batch of one partition, in order. The batch is committed after the promise
   * resolves; a rejection redelivers it (so handlers must be idempotent).
   */
  readonly handleBatch: (messages: readonly IncomingMessage[]) => Promise<void>;
}

export interface Subscription {
  stop(): Promise<void>;
  /**
   * Whether the subscription has consumed everything that was on its partitions when it started
   * (stays true once reached): a consumer that rebuilds a view reports ready from then on.
   */
  isCaughtUp(): boolean;
  /** Resolves once caught up; rejects if the subscription stops first. */
  waitUntilCaughtUp(): Promise<void>;
}

/** Consumes topics in a consumer group: per-partition (so per-scheduler) order, at-least-once. */
export abstract class MessageSubscriber {
  abstract subscribe(options: SubscriptionOptions): Promise<Subscription>;
}
