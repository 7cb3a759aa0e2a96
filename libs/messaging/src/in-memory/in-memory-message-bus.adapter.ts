import {
  type IncomingMessage,
  MessagePublisher,
  type MessageSubscriber,
  type OutgoingMessage,
  type SubscriptionOptions,
} from '@maestro/application';
import { type EventEnvelope } from '@maestro/contracts';
import { describeError, silentLog, type MessagingLog } from '../messaging-log';
import { partitionForKey } from '../partitioning/partition-for-key';
import { type CatchUpSubscription } from '../subscription/catch-up-subscription';
import { CatchUpTracker, partitionKey } from '../subscription/catch-up-tracker';
import { deadLetterTopicOf } from '../subscription/dead-letter';
import { defaultRetryPolicy, type RetryPolicy } from '../subscription/retry-policy';
import { InMemorySubscription } from './in-memory-subscription';

export interface InMemoryMessageBusOptions {
  /** Partitions of every topic (default 6, like the Kafka topics). */
  readonly partitions?: number;
  /** Most messages handed to a handler at once (default 100). */
  readonly maxBatchSize?: number;
  /**
   * Retention: a partition keeps about this many of its newest messages (up to 10 % more; default
   * 100 000) and drops older ones, as Kafka's retention would, so a long-running embedded process does
   * not keep every ping forever.
   */
  readonly maxMessagesPerPartition?: number;
  readonly retry?: RetryPolicy;
  readonly log?: MessagingLog;
}

interface StoredMessage {
  readonly key: string;
  readonly envelope: EventEnvelope;
}

/** A partition's retained messages; `messages[i]` has offset `firstOffset + i`. */
interface PartitionLog {
  firstOffset: number;
  readonly messages: StoredMessage[];
}

/** A group's read position in one partition, shared by the group's members as ownership moves. */
interface PartitionCursor {
  readonly key: string;
  readonly topic: string;
  readonly partition: number;
  /** Offset of the next message to deliver: everything before it is committed. */
  committed: number;
  owner?: InMemorySubscription;
  delivering: boolean;
}

interface ConsumerGroup {
  readonly members: InMemorySubscription[];
  readonly cursors: Map<string, PartitionCursor>;
}

/**
 * The message bus inside one process: the embedded mode's Kafka and the unit tests' fake. It keeps
 * Kafka's semantics (message-bus.contract.ts holds both to them): a fixed partition count with the
 * key hashed as Kafka hashes it, ordered delivery per partition, groups whose members share the
 * partitions (partition p of every topic to the same member), committed offsets per group,
 * `fromBeginning`, redelivery after a rejection, then `<topic>.dead-letter`, and a retention per
 * partition. Nothing survives the process.
 */
export class InMemoryMessageBus extends MessagePublisher implements MessageSubscriber {
  readonly partitions: number;
  private readonly maxBatchSize: number;
  private readonly maxMessagesPerPartition: number;
  private readonly retry: RetryPolicy;
  private readonly log: MessagingLog;
  private readonly topics = new Map<string, PartitionLog[]>();
  private readonly groups = new Map<string, ConsumerGroup>();

  constructor(options: InMemoryMessageBusOptions = {}) {
    super();
    this.partitions = options.partitions ?? 6;
    this.maxBatchSize = options.maxBatchSize ?? 100;
    this.maxMessagesPerPartition = options.maxMessagesPerPartition ?? 100_000;
    this.retry = options.retry ?? defaultRetryPolicy;
    this.log = options.log ?? silentLog;
    if (!Number.isInteger(this.partitions) || this.partitions < 1) {
      throw new RangeError('partitions must be a positive integer');
    }
    if (!Number.isInteger(this.maxMessagesPerPartition) || this.maxMessagesPerPartition < 1) {
      throw new RangeError('maxMessagesPerPartition must be a positive integer');
    }
  }

  /** Accepts the messages at once; delivery happens later, as with a broker. */
  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    for (const message of messages) this.append(message.topic, message.key, message.envelope);
    return Promise.resolve();
  }

  subscribe(options: SubscriptionOptions): Promise<CatchUpSubscription> {
    if (options.topics.length === 0) {
      return Promise.reject(new RangeError('a subscription needs at least one topic'));
    }
    if (!options.groupId) return Promise.reject(new RangeError('a subscription needs a group id'));
    const group = this.groupOf(options.groupId);
    const targets = new Map<string, bigint>();
    for (const topic of options.topics) {
      this.logOf(topic).forEach((log, partition) => {
        const key = partitionKey(topic, partition);
        targets.set(key, BigInt(endOffset(log)));
        if (!group.cursors.has(key)) {
          // A group that never read this partition starts at its beginning or at its end.
          const committed = options.fromBeginning ? log.firstOffset : endOffset(log);
          group.cursors.set(key, { key, topic, partition, committed, delivering: false });
        }
      });
    }
    const subscription = new InMemorySubscription(
      options,
      new CatchUpTracker(targets),
      this.retry,
      this.log,
      (member) => {
        this.leave(group, member);
      },
    );
    group.members.push(subscription);
    this.rebalance(group);
    return Promise.resolve(subscription);
  }

  /** Stops every subscription. */
  async close(): Promise<void> {
    const members = [...this.groups.values()].flatMap((group) => group.members);
    await Promise.all(members.map((member) => member.stop()));
  }

  private append(topic: string, key: string, envelope: EventEnvelope): void {
    const partition = partitionForKey(key, this.partitions);
    const log = this.logOf(topic)[partition];
    if (!log) return;
    log.messages.push({ key, envelope: structuredClone(envelope) });
    // Trimmed in chunks, so dropping the head of a long array is not paid for on every message.
    const excess = log.messages.length - this.maxMessagesPerPartition;
    if (excess > this.maxMessagesPerPartition / 10) {
      log.messages.splice(0, excess);
      log.firstOffset += excess;
    }
    const cursorKey = partitionKey(topic, partition);
    for (const group of this.groups.values()) {
      const cursor = group.cursors.get(cursorKey);
      if (cursor) this.deliver(cursor);
    }
  }

  private logOf(topic: string): PartitionLog[] {
    let partitions = this.topics.get(topic);
    if (!partitions) {
      partitions = Array.from({ length: this.partitions }, () => ({ firstOffset: 0, messages: [] }));
      this.topics.set(topic, partitions);
    }
    return partitions;
  }

  private groupOf(groupId: string): ConsumerGroup {
    let group = this.groups.get(groupId);
    if (!group) {
      group = { members: [], cursors: new Map() };
      this.groups.set(groupId, group);
    }
    return group;
  }

  private leave(group: ConsumerGroup, member: InMemorySubscription): void {
    const index = group.members.indexOf(member);
    if (index >= 0) group.members.splice(index, 1);
    this.rebalance(group);
  }

  /** Partition p of every topic goes to the same member, as `coPartitionedAssigner` does on Kafka. */
  private rebalance(group: ConsumerGroup): void {
    const assigned = new Map<InMemorySubscription, string[]>(group.members.map((member) => [member, []]));
    for (const cursor of group.cursors.values()) {
      const candidates = group.members.filter((member) => member.topics.has(cursor.topic));
      const owner = candidates[cursor.partition % Math.max(candidates.length, 1)];
      cursor.owner = owner;
      if (!owner) continue;
      assigned.get(owner)?.push(cursor.key);
      owner.tracker.advance(cursor.key, BigInt(cursor.committed));
    }
    for (const [member, keys] of assigned) member.tracker.assign(keys);
    for (const cursor of group.cursors.values()) this.deliver(cursor);
  }

  /** Starts delivering a partition to its owner unless that is already going on. */
  private deliver(cursor: PartitionCursor): void {
    if (cursor.delivering || !this.hasWork(cursor)) return;
    cursor.delivering = true;
    void this.drain(cursor)
      .catch((error: unknown) => {
        this.log('error', 'in-memory delivery failed', {
          partition: cursor.key,
          error: describeError(error),
        });
      })
      .finally(() => {
        cursor.delivering = false;
        this.deliver(cursor);
      });
  }

  private hasWork(cursor: PartitionCursor): boolean {
    const log = this.logOf(cursor.topic)[cursor.partition];
    return cursor.owner !== undefined && log !== undefined && cursor.committed < endOffset(log);
  }

  /** One batch at a time per partition: the order of a partition is the order of its deliveries. */
  private async drain(cursor: PartitionCursor): Promise<void> {
    // Never inside the publisher's call: a broker delivers later, and so does this bus.
    await new Promise((resolve) => setImmediate(resolve));
    for (;;) {
      const owner = cursor.owner;
      const log = this.logOf(cursor.topic)[cursor.partition];
      if (!owner || !log || cursor.committed >= endOffset(log)) return;
      if (cursor.committed < log.firstOffset) {
        this.log('warn', 'messages expired before this group read them; skipping to the oldest kept', {
          groupId: owner.groupId,
          partition: cursor.key,
          skipped: log.firstOffset - cursor.committed,
        });
        cursor.committed = log.firstOffset;
      }
      const from = cursor.committed;
      const start = from - log.firstOffset;
      const batch = log.messages
        .slice(start, start + this.maxBatchSize)
        .map((stored, index): IncomingMessage => ({
          topic: cursor.topic,
          partition: cursor.partition,
          offset: String(from + index),
          key: stored.key,
          envelope: structuredClone(stored.envelope),
        }));
      const outcome = await owner.deliver(batch, () => cursor.owner === owner);
      if (outcome.kind === 'interrupted') continue;
      for (const { message, error } of outcome.failed) {
        this.log('error', 'message dead-lettered', {
          groupId: owner.groupId,
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
          deadLetterTopic: deadLetterTopicOf(message.topic),
          reason: describeError(error),
        });
        this.append(deadLetterTopicOf(message.topic), message.key, message.envelope);
      }
      cursor.committed = from + batch.length;
      owner.tracker.advance(cursor.key, BigInt(cursor.committed));
    }
  }
}

function endOffset(log: PartitionLog): number {
  return log.firstOffset + log.messages.length;
}
