import { type IncomingMessage, type OutgoingMessage } from '@maestro/application';
import { toCloudEventHeaders } from '@maestro/contracts';
import { eventually, testEnvironment } from '@maestro/testing';
import { type Consumer, type KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { partitionForKey } from '../partitioning/partition-for-key';
import { type CatchUpSubscription } from '../subscription/catch-up-subscription';
import { deadLetterHeaders, deadLetterTopicOf } from '../subscription/dead-letter';
import { messageBusContract } from '../testing/message-bus.contract';
import { KafkaConnection } from './kafka-connection';
import { KafkaMessagePublisher } from './kafka-message-publisher.adapter';
import { KafkaMessageSubscriber, type KafkaSubscriberOptions } from './kafka-message-subscriber.adapter';
import { ensureTopics } from './kafka-topology';

const partitions = 6;
const quickRetries: KafkaSubscriberOptions = {
  retry: { maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 100 },
  sessionTimeoutMs: 10_000,
  heartbeatIntervalMs: 500,
  maxWaitTimeMs: 250,
};

/** A connection plus the topics a test file created, deleted (with their dead-letter topics) at the end. */
function kafkaFixture(clientId: string): {
  connection: KafkaConnection;
  createTopics: (count: number) => Promise<string[]>;
  close: () => Promise<void>;
} {
  const connection = new KafkaConnection({ brokers: testEnvironment().kafkaBrokers, clientId });
  const created: string[] = [];
  return {
    connection,
    createTopics: async (count) => {
      const topics = Array.from({ length: count }, () => `bus-${randomUUID()}`);
      await ensureTopics(await connection.connectedAdmin(), { topics, partitions, replicationFactor: 1 });
      created.push(...topics);
      return topics;
    },
    close: async () => {
      const admin = await connection.connectedAdmin();
      const existing = new Set(await admin.listTopics());
      const ours = created
        .flatMap((topic) => [topic, deadLetterTopicOf(topic)])
        .filter((t) => existing.has(t));
      if (ours.length > 0) await admin.deleteTopics({ topics: ours });
      await connection.close();
    },
  };
}

messageBusContract('Kafka adapters on the real broker', () => {
  const fixture = kafkaFixture('message-bus-contract');
  const subscriber = new KafkaMessageSubscriber(fixture.connection, quickRetries);
  return Promise.resolve({
    publisher: new KafkaMessagePublisher(fixture.connection),
    subscriber,
    partitions,
    createTopics: fixture.createTopics,
    close: async () => {
      await subscriber.close();
      await fixture.close();
    },
  });
});

describe('Kafka adapters on the wire', () => {
  const fixture = kafkaFixture('message-bus-wire');
  const subscriber = new KafkaMessageSubscriber(fixture.connection, quickRetries);
  const publisher = new KafkaMessagePublisher(fixture.connection);
  const rawConsumers: Consumer[] = [];
  const subscriptions: CatchUpSubscription[] = [];

  afterAll(async () => {
    await Promise.all(rawConsumers.map((consumer) => consumer.disconnect()));
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    await fixture.close();
  });

  /** Reads a topic with a plain kafkajs consumer, to see exactly what is on the wire. */
  async function readRaw(topic: string, into: { partition: number; message: KafkaMessage }[]): Promise<void> {
    const consumer = fixture.connection.kafka.consumer({ groupId: `raw-${randomUUID()}` });
    rawConsumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: ({ partition, message }) => {
        into.push({ partition, message });
        return Promise.resolve();
      },
    });
  }

  async function subscribe(
    topic: string,
    groupId: string,
    into: IncomingMessage[],
  ): Promise<CatchUpSubscription> {
    const subscription = await subscriber.subscribe({
      groupId,
      topics: [topic],
      fromBeginning: true,
      handleBatch: (messages) => {
        into.push(...messages);
        return Promise.resolve();
      },
    });
    subscriptions.push(subscription);
    return subscription;
  }

  it('publishes the scheduler as key, the data as JSON and the CloudEvents attributes as headers', async () => {
    const [topic] = await fixture.createTopics(1);
    const envelope = {
      id: randomUUID(),
      type: 'RoomPinged',
      schemaVersion: 1,
      source: 'maestro/room-ping-ingest',
      subject: 'my-scheduler',
      time: '2026-11-27T10:00:00.000Z',
      data: { roomId: 'room-1', status: 'ready' },
    };
    await publisher.publish([{ topic: topic!, key: envelope.subject, envelope }]);

    const raw: { partition: number; message: KafkaMessage }[] = [];
    await readRaw(topic!, raw);
    await eventually(() => {
      expect(raw).toHaveLength(1);
    });
    const [{ partition, message }] = raw as [{ partition: number; message: KafkaMessage }];
    expect(partition).toBe(partitionForKey('my-scheduler', partitions));
    expect(message.key?.toString()).toBe('my-scheduler');
    expect(JSON.parse(message.value?.toString() ?? '')).toEqual(envelope.data);
    const headers = Object.fromEntries(
      Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString()]),
    );
    expect(headers).toEqual(toCloudEventHeaders(envelope));
  });

  it('dead-letters a message without CloudEvents headers or with a payload that is not JSON, saying why', async () => {
    const [topic] = await fixture.createTopics(1);
    const received: IncomingMessage[] = [];
    await subscribe(topic!, `wire-${randomUUID()}`, received);
    const valid = {
      id: randomUUID(),
      type: 'RoomPinged',
      schemaVersion: 1,
      source: 'maestro/room-ping-ingest',
      subject: 'my-scheduler',
      time: '2026-11-27T10:00:00.000Z',
      data: { ok: true },
    };
    const producer = await fixture.connection.connectedProducer();
    await producer.send({
      topic: topic!,
      acks: -1,
      messages: [
        { key: 'my-scheduler', value: '{"no":"headers"}' },
        { key: 'my-scheduler', value: 'not json', headers: { ...toCloudEventHeaders(valid) } },
        {
          key: 'my-scheduler',
          value: JSON.stringify(valid.data),
          headers: { ...toCloudEventHeaders(valid) },
        },
      ],
    });

    await eventually(() => {
      expect(received.map((message) => message.envelope)).toEqual([valid]);
    });
    const deadLetters: { partition: number; message: KafkaMessage }[] = [];
    await readRaw(deadLetterTopicOf(topic!), deadLetters);
    await eventually(() => {
      expect(deadLetters).toHaveLength(2);
    });
    const reasons = deadLetters.map(({ message }) => message.headers?.[deadLetterHeaders.error]?.toString());
    expect(reasons).toEqual([
      'CloudEvents headers are missing or invalid',
      expect.stringMatching(/^payload is not JSON/) as unknown,
    ]);
    expect(deadLetters.map(({ message }) => message.headers?.[deadLetterHeaders.offset]?.toString())).toEqual(
      ['0', '1'],
    );
    expect(deadLetters[0]!.message.headers?.[deadLetterHeaders.topic]?.toString()).toBe(topic);
    expect(deadLetters[1]!.message.value?.toString()).toBe('not json');
  });

  it('keeps a member in its group while its handler works longer than the session timeout', async () => {
    const [topic] = await fixture.createTopics(1);
    const groupId = `slow-${randomUUID()}`;
    const patient = new KafkaMessageSubscriber(fixture.connection, {
      ...quickRetries,
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 500,
    });
    const deliveries: string[] = [];
    const handleBatch = async (messages: readonly IncomingMessage[]): Promise<void> => {
      deliveries.push(...messages.map((message) => message.envelope.id));
      // The simulated work itself: a projection that takes longer than the session timeout.
      if (deliveries.length === 1) await new Promise((resolve) => setTimeout(resolve, 8_000));
    };
    // Two members: had the slow one been dropped, the other would have been handed its partition.
    for (let member = 0; member < 2; member++) {
      subscriptions.push(
        await patient.subscribe({ groupId, topics: [topic!], fromBeginning: true, handleBatch }),
      );
    }
    const base = {
      type: 'RoomPinged',
      schemaVersion: 1,
      source: 'maestro/test',
      subject: 'slow-scheduler',
      time: '2026-11-27T10:00:00.000Z',
    };
    const envelope = (n: number): OutgoingMessage => ({
      topic: topic!,
      key: 'slow-scheduler',
      envelope: { ...base, id: randomUUID(), data: { n } },
    });
    const slow = envelope(0);
    await publisher.publish([slow]);
    await eventually(() => {
      expect(deliveries).toHaveLength(1);
    });
    const next = envelope(1);
    await publisher.publish([next]);

    await eventually(() => {
      expect(deliveries).toEqual([slow.envelope.id, next.envelope.id]);
    });
  }, 60_000);
});
