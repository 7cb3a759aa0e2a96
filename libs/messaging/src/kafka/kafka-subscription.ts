import { type IncomingMessage, type SubscriptionOptions } from '@maestro/application';
import { type Consumer, type EachBatchPayload, type IMemberAssignment, type KafkaMessage } from 'kafkajs';
import { describeError, type MessagingLog } from '../messaging-log';
import { type CatchUpSubscription } from '../subscription/catch-up-subscription';
import { CatchUpTracker, partitionKey } from '../subscription/catch-up-tracker';
import { deadLetterHeaders, deadLetterTopicOf } from '../subscription/dead-letter';
import { deliverWithRetries } from '../subscription/deliver-with-retries';
import { type RetryPolicy } from '../subscription/retry-policy';
import { sleep } from '../subscription/sleep';
import { coPartitionedAssigner } from './co-partitioned-assigner';
import { type KafkaConnection } from './kafka-connection';
import { decodeMessage } from './kafka-message-codec';
import { readCommittedOffsets, readStartPositions } from './kafka-start-positions';
import { ensureDeadLetterTopics } from './kafka-topology';

export interface KafkaSubscriptionSettings {
  readonly retry: RetryPolicy;
  readonly partitionsConsumedConcurrently: number;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly maxWaitTimeMs: number;
  readonly log: MessagingLog;
}

/**
 * One kafkajs consumer in a group. Each fetched batch is one partition's messages: undecodable ones
 * are dead-lettered, the rest go to the handler (retried, then isolated and dead-lettered), and only
 * then are the batch's offsets committed, so a crash at any point means redelivery, never loss.
 * Everything on the Kafka side (group, topics, offsets, dead letters) uses the connection's physical
 * names; the handler sees the logical topic names it subscribed to.
 */
export class KafkaSubscription implements CatchUpSubscription {
  private consumer?: Consumer;
  private tracker = new CatchUpTracker(new Map());
  private readonly stopping = new AbortController();
  private stopped?: Promise<void>;
  private readonly fields: Record<string, unknown>;
  /** The group and topics on the cluster. */
  private readonly groupId: string;
  private readonly topics: readonly string[];
  /** Per partition, the batch being handled: the next one waits for it. */
  private readonly partitionWork = new Map<string, Promise<void>>();
  /** Per partition, the offset after the last message this subscription's handler took. */
  private readonly handledUpTo = new Map<string, bigint>();

  constructor(
    private readonly connection: KafkaConnection,
    private readonly options: SubscriptionOptions,
    private readonly settings: KafkaSubscriptionSettings,
    private readonly onStopped: () => void,
  ) {
    const { names } = connection;
    this.groupId = names.group(options.groupId);
    this.topics = options.topics.map((topic) => names.physical(topic));
    this.fields = { groupId: this.groupId, topics: this.topics };
  }

  /** Resolves once the consumer has joined its group and knows where to read each partition. */
  async start(): Promise<void> {
    const { groupId, topics } = this;
    const { fromBeginning } = this.options;
    const admin = await this.connection.connectedAdmin();
    await ensureDeadLetterTopics(admin, topics);
    const start = await readStartPositions(admin, groupId, topics, fromBeginning);
    this.tracker = new CatchUpTracker(start.targets);
    for (const [key, position] of start.positions) this.tracker.advance(key, position);

    const consumer = this.connection.kafka.consumer({
      groupId,
      partitionAssigners: [coPartitionedAssigner],
      sessionTimeout: this.settings.sessionTimeoutMs,
      heartbeatInterval: this.settings.heartbeatIntervalMs,
      maxWaitTimeInMs: this.settings.maxWaitTimeMs,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    const positioned = this.watch(consumer);
    try {
      if (this.stopping.signal.aborted) throw stoppedWhileStarting();
      await consumer.connect();
      await consumer.subscribe({ topics: [...topics], fromBeginning });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
        eachBatch: (payload) => this.inPartitionOrder(payload),
      });
      await positioned;
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.settings.log('info', 'subscribed', this.fields);
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  isCaughtUp(): boolean {
    return this.tracker.isCaughtUp();
  }

  waitUntilCaughtUp(): Promise<void> {
    return this.tracker.waitUntilCaughtUp();
  }

  private async shutdown(): Promise<void> {
    // Ends backoffs at once; kafkajs' disconnect then waits for the batch in progress and leaves the group.
    this.stopping.abort();
    await this.consumer?.disconnect();
    this.tracker.abandon(new Error(`subscription of group ${this.groupId} stopped`));
    this.onStopped();
    this.settings.log('info', 'subscription stopped', this.fields);
  }

  /**
   * Follows the group membership, and resolves once the consumer is positioned: the first fetch after
   * joining the group resolves every assigned partition's start offset, so a message published after
   * `subscribe()` resolved is never skipped by a group that starts at the latest offset.
   */
  private watch(consumer: Consumer): Promise<void> {
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      joined = true;
      this.onAssignment(event.payload.memberAssignment);
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.settings.log('error', 'consumer crashed', {
        ...this.fields,
        error: describeError(event.payload.error),
        restart: event.payload.restart,
      });
    });
    return new Promise((resolve, reject) => {
      const removeFetch = consumer.on(consumer.events.FETCH, () => {
        if (!joined) return;
        removeFetch();
        removeCrash();
        resolve();
      });
      const removeCrash = consumer.on(consumer.events.CRASH, (event) => {
        if (event.payload.restart) return;
        removeFetch();
        removeCrash();
        reject(event.payload.error);
      });
      this.stopping.signal.addEventListener(
        'abort',
        () => {
          reject(stoppedWhileStarting());
        },
        { once: true },
      );
    });
  }

  private onAssignment(assignment: IMemberAssignment): void {
    const keys = Object.entries(assignment).flatMap(([topic, partitions]) =>
      partitions.map((partition) => partitionKey(topic, partition)),
    );
    this.settings.log('info', 'partitions assigned', { ...this.fields, partitions: keys });
    this.tracker.assign(keys);
    if (this.tracker.isCaughtUp()) return;
    // Another member may have moved a partition on since this subscription read the group's offsets.
    void this.refreshCommittedOffsets();
  }

  private async refreshCommittedOffsets(): Promise<void> {
    try {
      const admin = await this.connection.connectedAdmin();
      const committed = await readCommittedOffsets(admin, this.groupId, this.topics);
      for (const [key, offset] of committed) this.tracker.advance(key, offset);
    } catch (error) {
      this.settings.log('debug', 'could not read committed offsets', {
        ...this.fields,
        error: describeError(error),
      });
    }
  }

  /**
   * When kafkajs restarts a crashed consumer (a broker restart, say), it fetches again while the old
   * consumer's batches may still be in the handler. Queueing per partition keeps one batch per
   * partition in the handler at a time, and messages the handler already took are not handed again.
   */
  private inPartitionOrder(payload: EachBatchPayload): Promise<void> {
    const key = partitionKey(payload.batch.topic, payload.batch.partition);
    const previous = this.partitionWork.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => this.onBatch(payload, key));
    this.partitionWork.set(key, current);
    const forget = (): void => {
      if (this.partitionWork.get(key) === current) this.partitionWork.delete(key);
    };
    current.then(forget, forget);
    return current;
  }

  private async onBatch(payload: EachBatchPayload, key: string): Promise<void> {
    const { batch } = payload;
    const { topic, partition } = batch;
    const keepAlive = startHeartbeats(() => payload.heartbeat(), this.settings.heartbeatIntervalMs);
    try {
      const decoded: IncomingMessage[] = [];
      const raws = new Map<string, KafkaMessage>();
      const alreadyHandled = this.handledUpTo.get(key) ?? -1n;
      for (const raw of batch.messages) {
        if (BigInt(raw.offset) < alreadyHandled) continue;
        const result = decodeMessage(this.connection.names.logical(topic), partition, raw);
        if (result.ok) {
          decoded.push(result.message);
          raws.set(raw.offset, raw);
        } else {
          await this.deadLetter(topic, partition, raw, result.reason);
        }
      }
      const outcome = await deliverWithRetries(decoded, {
        handleBatch: this.options.handleBatch,
        policy: this.settings.retry,
        isActive: () =>
          !this.stopping.signal.aborted && payload.isRunning() && !payload.isStale() && !keepAlive.failed(),
        pause: (ms) => sleep(ms, this.stopping.signal),
        log: this.settings.log,
      });
      // Unresolved and uncommitted: the partition's next owner (or this consumer) reads it again.
      if (outcome.kind === 'interrupted') return;
      for (const { message, error } of outcome.failed) {
        const raw = raws.get(message.offset);
        if (raw) await this.deadLetter(topic, partition, raw, describeError(error));
      }
      const nextOffset = BigInt(batch.lastOffset()) + 1n;
      this.handledUpTo.set(key, nextOffset);
      payload.resolveOffset(batch.lastOffset());
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic, partitions: [{ partition, offset: nextOffset.toString() }] }],
      });
      this.tracker.advance(key, nextOffset);
    } finally {
      keepAlive.stop();
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    raw: KafkaMessage,
    reason: string,
  ): Promise<void> {
    const deadLetterTopic = deadLetterTopicOf(topic);
    const producer = await this.connection.connectedProducer();
    await producer.send({
      topic: deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: raw.key,
          value: raw.value,
          headers: {
            ...raw.headers,
            [deadLetterHeaders.error]: reason,
            [deadLetterHeaders.topic]: topic,
            [deadLetterHeaders.partition]: String(partition),
            [deadLetterHeaders.offset]: raw.offset,
            [deadLetterHeaders.groupId]: this.groupId,
          },
        },
      ],
    });
    this.settings.log('error', 'message dead-lettered', {
      ...this.fields,
      topic,
      partition,
      offset: raw.offset,
      deadLetterTopic,
      reason,
    });
  }
}

function stoppedWhileStarting(): Error {
  return new Error('subscription stopped while starting');
}

interface HeartbeatKeeper {
  /** True once a heartbeat failed: the group is rebalancing or this member was dropped. */
  failed(): boolean;
  stop(): void;
}

/**
 * Keeps the member alive in its group while a handler works (and while it backs off between
 * attempts) longer than the session timeout. kafkajs throttles heartbeats to its own interval.
 */
function startHeartbeats(heartbeat: () => Promise<void>, intervalMs: number): HeartbeatKeeper {
  let failed = false;
  const timer = setInterval(() => {
    heartbeat().catch(() => {
      failed = true;
    });
  }, intervalMs);
  return {
    failed: () => failed,
    stop: () => {
      clearInterval(timer);
    },
  };
}
