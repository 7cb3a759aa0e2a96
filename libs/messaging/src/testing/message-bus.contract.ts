import {
  type IncomingMessage,
  type MessagePublisher,
  type OutgoingMessage,
  type SubscriptionOptions,
} from '@maestro/application';
import { type EventEnvelope } from '@maestro/contracts';
import { eventually } from '@maestro/testing';
import { randomUUID } from 'node:crypto';
import { partitionForKey } from '../partitioning/partition-for-key';
import { type CatchUpSubscription } from '../subscription/catch-up-subscription';
import { deadLetterTopicOf } from '../subscription/dead-letter';

/** What the contract needs of a message bus: both ports, and fresh topics for each test. */
export interface MessageBusHarness {
  readonly publisher: MessagePublisher;
  /** Configured to retry a rejected batch at least 3 times, with short backoffs. */
  readonly subscriber: { subscribe(options: SubscriptionOptions): Promise<CatchUpSubscription> };
  /** Partition count of the topics `createTopics` makes. */
  readonly partitions: number;
  /** New topics, unique to the calling test. */
  createTopics(count: number): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Behaviour every message bus must have. The in-memory bus runs it as a unit test and the Kafka
 * adapters as an integration test against the real broker, so the fake cannot drift from Kafka.
 */
export function messageBusContract(name: string, createHarness: () => Promise<MessageBusHarness>): void {
  describe(`${name} (message bus contract)`, () => {
    let bus: MessageBusHarness;
    const subscriptions: CatchUpSubscription[] = [];

    beforeAll(async () => {
      bus = await createHarness();
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
    });

    afterAll(async () => {
      await bus.close();
    });

    async function subscribe(options: SubscriptionOptions): Promise<CatchUpSubscription> {
      const subscription = await bus.subscriber.subscribe(options);
      subscriptions.push(subscription);
      return subscription;
    }

    it('delivers every message of a scheduler in publish order, on the partition its key hashes to', async () => {
      const [topic] = await bus.createTopics(1);
      const keys = keysCovering(bus.partitions, 2);
      const published: OutgoingMessage[] = [];
      for (let round = 0; round < 5; round++) {
        const messages = keys.map((key) => message(topic!, key, { round }));
        published.push(...messages);
        await bus.publisher.publish(messages);
      }
      const received: IncomingMessage[] = [];
      const busy = new Set<number>();
      let overlapped = false;
      await subscribe({
        groupId: groupId(),
        topics: [topic!],
        fromBeginning: true,
        handleBatch: async (messages) => {
          const partition = messages[0]!.partition;
          if (busy.has(partition)) overlapped = true;
          busy.add(partition);
          await new Promise((resolve) => setImmediate(resolve));
          received.push(...messages);
          busy.delete(partition);
        },
      });

      await eventually(() => {
        expect(received).toHaveLength(published.length);
      });
      for (const key of keys) {
        const ofKey = received.filter((incoming) => incoming.key === key);
        expect(ofKey.map((incoming) => incoming.envelope.data)).toEqual(
          [0, 1, 2, 3, 4].map((round) => ({ round })),
        );
        expect(ofKey.map((incoming) => incoming.partition)).toEqual(
          Array<number>(5).fill(partitionForKey(key, bus.partitions)),
        );
      }
      expect(new Set(received.map((incoming) => incoming.envelope.id)).size).toBe(published.length);
      expect(overlapped).toBe(false);
    });

    it('shares the partitions between the members of a group, and gives every group every message', async () => {
      const [topic] = await bus.createTopics(1);
      const sharedGroup = groupId();
      const first: IncomingMessage[] = [];
      const second: IncomingMessage[] = [];
      const otherGroup: IncomingMessage[] = [];
      await subscribe({
        groupId: sharedGroup,
        topics: [topic!],
        fromBeginning: true,
        handleBatch: record(first),
      });
      await subscribe({
        groupId: sharedGroup,
        topics: [topic!],
        fromBeginning: true,
        handleBatch: record(second),
      });
      await subscribe({
        groupId: groupId(),
        topics: [topic!],
        fromBeginning: true,
        handleBatch: record(otherGroup),
      });
      const published = keysCovering(bus.partitions, 3).map((key) => message(topic!, key, {}));
      await bus.publisher.publish(published);

      const allIds = published.map((outgoing) => outgoing.envelope.id).sort();
      await eventually(() => {
        expect(ids([...first, ...second]).sort()).toEqual(allIds);
        expect(ids(otherGroup).sort()).toEqual(allIds);
      });
      expect(first.length).toBeGreaterThan(0);
      expect(second.length).toBeGreaterThan(0);
      const firstPartitions = new Set(first.map((incoming) => incoming.partition));
      expect(second.filter((incoming) => firstPartitions.has(incoming.partition))).toEqual([]);
    });

    it('resumes a group after the last message it committed', async () => {
      const [topic] = await bus.createTopics(1);
      const group = groupId();
      const key = 'scheduler-resume';
      await bus.publisher.publish(sequence(0, 10).map((n) => message(topic!, key, { n })));
      const firstRun: IncomingMessage[] = [];
      const first = await subscribe({
        groupId: group,
        topics: [topic!],
        fromBeginning: true,
        handleBatch: record(firstRun),
      });
      await eventually(() => {
        expect(numbers(firstRun)).toEqual(sequence(0, 10));
      });
      await first.stop();

      await bus.publisher.publish(sequence(10, 15).map((n) => message(topic!, key, { n })));
      const secondRun: IncomingMessage[] = [];
      await subscribe({
        groupId: group,
        topics: [topic!],
        fromBeginning: true,
        handleBatch: record(secondRun),
      });
      await eventually(() => {
        expect(numbers(secondRun)).toEqual(sequence(10, 15));
      });
    });

    it('redelivers a batch whose handler rejected, so no message is lost', async () => {
      const [topic] = await bus.createTopics(1);
      let failuresLeft = 2;
      let deliveries = 0;
      const handled: IncomingMessage[] = [];
      await subscribe({
        groupId: groupId(),
        topics: [topic!],
        fromBeginning: true,
        handleBatch: (messages) => {
          deliveries += messages.length;
          if (failuresLeft > 0) {
            failuresLeft--;
            return Promise.reject(new Error('read model unavailable'));
          }
          handled.push(...messages);
          return Promise.resolve();
        },
      });
      await bus.publisher.publish(sequence(0, 5).map((n) => message(topic!, 'scheduler-retry', { n })));

      await eventually(() => {
        expect(numbers(handled)).toEqual(sequence(0, 5));
      });
      expect(deliveries).toBeGreaterThan(5);
    });

    it('dead-letters a message its handler keeps rejecting to <topic>.dead-letter, and goes on with the next', async () => {
      const [topic] = await bus.createTopics(1);
      const handled: IncomingMessage[] = [];
      await subscribe({
        groupId: groupId(),
        topics: [topic!],
        fromBeginning: true,
        handleBatch: (messages) => {
          if (messages.some((incoming) => (incoming.envelope.data as { poison?: boolean }).poison)) {
            return Promise.reject(new Error('cannot apply this event'));
          }
          handled.push(...messages);
          return Promise.resolve();
        },
      });
      const key = 'scheduler-poison';
      const before = message(topic!, key, { n: 0 });
      const poison = message(topic!, key, { n: 1, poison: true });
      const after = message(topic!, key, { n: 2 });
      await bus.publisher.publish([before, poison, after]);

      await eventually(() => {
        expect(ids(handled)).toEqual([before.envelope.id, after.envelope.id]);
      });
      const deadLetters: IncomingMessage[] = [];
      await subscribe({
        groupId: groupId(),
        topics: [deadLetterTopicOf(topic!)],
        fromBeginning: true,
        handleBatch: record(deadLetters),
      });
      await eventually(() => {
        expect(deadLetters.map((incoming) => [incoming.key, incoming.envelope])).toEqual([
          [key, poison.envelope],
        ]);
      });
    });

    it('delivers the key and the envelope exactly as published', async () => {
      const [topic] = await bus.createTopics(1);
      const envelope: EventEnvelope = {
        id: randomUUID(),
        type: 'RoomStatusChanged',
        schemaVersion: 3,
        source: 'maestro/worker',
        subject: 'scheduler-ção-🎮',
        time: '2026-11-27T10:00:00.123Z',
        data: { nested: { list: [1, 'two', null, true] }, text: 'ação 🎮', empty: {} },
      };
      const received: IncomingMessage[] = [];
      await subscribe({
        groupId: groupId(),
        topics: [topic!],
        fromBeginning: true,
        handleBatch: record(received),
      });
      await bus.publisher.publish([{ topic: topic!, key: envelope.subject, envelope }]);

      await eventually(() => {
        expect(received).toHaveLength(1);
      });
      const [incoming] = received;
      expect(incoming).toEqual({
        topic,
        key: envelope.subject,
        envelope,
        partition: partitionForKey(envelope.subject, bus.partitions),
        offset: expect.stringMatching(/^\d+$/) as unknown,
      });
    });

    it('starts a new group at the end of its topics unless it asks for the beginning', async () => {
      const [topic] = await bus.createTopics(1);
      const key = 'scheduler-start';
      await bus.publisher.publish(sequence(0, 3).map((n) => message(topic!, key, { n })));
      const latest: IncomingMessage[] = [];
      const earliest: IncomingMessage[] = [];
      await subscribe({
        groupId: groupId(),
        topics: [topic!],
        fromBeginning: false,
        handleBatch: record(latest),
      });
      await subscribe({
        groupId: groupId(),
        topics: [topic!],
        fromBeginning: true,
        handleBatch: record(earliest),
      });
      await bus.publisher.publish(sequence(3, 5).map((n) => message(topic!, key, { n })));

      await eventually(() => {
        expect(numbers(latest)).toEqual([3, 4]);
        expect(numbers(earliest)).toEqual([0, 1, 2, 3, 4]);
      });
    });

    it('tells when a subscription has caught up with what its partitions held when it subscribed', async () => {
      const [topic, emptyTopic] = await bus.createTopics(2);
      const published = keysCovering(bus.partitions, 3).map((key) => message(topic!, key, {}));
      await bus.publisher.publish(published);
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const handled: IncomingMessage[] = [];
      const subscription = await subscribe({
        groupId: groupId(),
        topics: [topic!],
        fromBeginning: true,
        handleBatch: async (messages) => {
          await gate;
          handled.push(...messages);
        },
      });
      expect(subscription.isCaughtUp()).toBe(false);

      release();
      await subscription.waitUntilCaughtUp();
      expect(subscription.isCaughtUp()).toBe(true);
      expect(handled).toHaveLength(published.length);

      const idle = await subscribe({
        groupId: groupId(),
        topics: [emptyTopic!],
        fromBeginning: true,
        handleBatch: record([]),
      });
      await idle.waitUntilCaughtUp();
      expect(idle.isCaughtUp()).toBe(true);
    });

    it('stops after the batch in progress, which stays committed, and delivers nothing more', async () => {
      const [topic] = await bus.createTopics(1);
      const group = groupId();
      const key = 'scheduler-stop';
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let started = false;
      const handled: IncomingMessage[] = [];
      const subscription = await subscribe({
        groupId: group,
        topics: [topic!],
        fromBeginning: true,
        handleBatch: async (messages) => {
          started = true;
          await gate;
          handled.push(...messages);
        },
      });
      const first = message(topic!, key, { n: 0 });
      await bus.publisher.publish([first]);
      await eventually(() => {
        expect(started).toBe(true);
      });

      let stopped = false;
      const stopping = subscription.stop().then(() => {
        stopped = true;
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(ids(handled)).toEqual([first.envelope.id]);

      const later = message(topic!, key, { n: 1 });
      await bus.publisher.publish([later]);
      const successor: IncomingMessage[] = [];
      await subscribe({
        groupId: group,
        topics: [topic!],
        fromBeginning: true,
        handleBatch: record(successor),
      });
      await eventually(() => {
        expect(ids(successor)).toEqual([later.envelope.id]);
      });
      expect(ids(handled)).toEqual([first.envelope.id]);
    });
  });
}

function message(topic: string, key: string, data: Record<string, unknown>): OutgoingMessage {
  return {
    topic,
    key,
    envelope: {
      id: randomUUID(),
      type: 'ContractChecked',
      schemaVersion: 1,
      source: 'maestro/message-bus-contract',
      subject: key,
      time: new Date().toISOString(),
      data,
    },
  };
}

/** Scheduler names that put at least `perPartition` keys on every partition. */
function keysCovering(partitions: number, perPartition: number): string[] {
  const counts = Array<number>(partitions).fill(0);
  const keys: string[] = [];
  for (let index = 0; counts.some((count) => count < perPartition); index++) {
    const key = `scheduler-${String(index)}`;
    const partition = partitionForKey(key, partitions);
    if ((counts[partition] ?? 0) >= perPartition) continue;
    counts[partition] = (counts[partition] ?? 0) + 1;
    keys.push(key);
  }
  return keys;
}

function record(into: IncomingMessage[]): (messages: readonly IncomingMessage[]) => Promise<void> {
  return (messages) => {
    into.push(...messages);
    return Promise.resolve();
  };
}

function groupId(): string {
  return `contract-${randomUUID()}`;
}

function ids(messages: readonly IncomingMessage[]): string[] {
  return messages.map((incoming) => incoming.envelope.id);
}

function numbers(messages: readonly IncomingMessage[]): number[] {
  return messages.map((incoming) => (incoming.envelope.data as { n: number }).n);
}

function sequence(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, index) => from + index);
}
