import { eventually, testEnvironment } from '@maestro/testing';
import { randomUUID } from 'node:crypto';
import { type Consumer, type KafkaMessage } from 'kafkajs';
import { KafkaConnection } from './kafka-connection';
import { ensureTopics } from './kafka-topology';

interface Received {
  readonly key: string;
  readonly sequence: number;
  readonly partition: number;
}

const schedulers = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

describe('Kafka (real KRaft broker)', () => {
  let connection: KafkaConnection;
  let topic: string;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    connection = new KafkaConnection({ brokers: testEnvironment().kafkaBrokers, clientId: 'kafka-smoke' });
    topic = `smoke-${randomUUID()}`;
    await ensureTopics(await connection.connectedAdmin(), {
      topics: [topic],
      partitions: 6,
      replicationFactor: 1,
    });
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await (await connection.connectedAdmin()).deleteTopics({ topics: [topic] });
    await connection.close();
  });

  async function produce(sequenceFrom: number, count: number): Promise<void> {
    const producer = await connection.connectedProducer();
    for (let sequence = sequenceFrom; sequence < sequenceFrom + count; sequence++) {
      const key = schedulers[sequence % schedulers.length]!;
      // acks -1: acknowledged only once every in-sync replica has the write.
      await producer.send({ topic, acks: -1, messages: [{ key, value: JSON.stringify({ sequence }) }] });
    }
  }

  /** Joins the group, collects what arrives and commits each batch's offsets after processing it. */
  async function consumeInGroup(groupId: string, received: Received[]): Promise<Consumer> {
    const consumer = connection.kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        for (const message of batch.messages) received.push(decode(message, batch.partition));
        await consumer.commitOffsets([
          { topic, partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() },
        ]);
        await payload.heartbeat();
      },
    });
    return consumer;
  }

  it('creates the topic with 6 partitions, and refuses a topic whose partition count differs', async () => {
    const admin = await connection.connectedAdmin();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]!.partitions).toHaveLength(6);

    const odd = `smoke-odd-${randomUUID()}`;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: odd, numPartitions: 3, replicationFactor: 1 }],
    });
    await expect(ensureTopics(admin, { topics: [odd], partitions: 6, replicationFactor: 1 })).rejects.toThrow(
      /must have 6 partitions/,
    );
    await admin.deleteTopics({ topics: [odd] });
  });

  it('delivers keyed messages in order per key, and a restarted consumer resumes after its committed offset', async () => {
    const groupId = `smoke-group-${randomUUID()}`;
    await produce(0, 40);

    const firstRun: Received[] = [];
    const first = await consumeInGroup(groupId, firstRun);
    await eventually(
      () => {
        expect(firstRun).toHaveLength(40);
      },
      {
        timeoutMs: 60_000,
        description: 'first 40 messages',
      },
    );
    await first.disconnect();

    // Same key, same partition, in produce order.
    for (const key of schedulers) {
      const ofKey = firstRun.filter((message) => message.key === key);
      expect(new Set(ofKey.map((message) => message.partition)).size).toBe(1);
      expect(ofKey.map((message) => message.sequence)).toEqual(
        [...ofKey.map((m) => m.sequence)].sort((a, b) => a - b),
      );
    }
    expect(new Set(firstRun.map((message) => message.partition)).size).toBeGreaterThan(1);

    await produce(40, 20);
    const secondRun: Received[] = [];
    await consumeInGroup(groupId, secondRun);
    await eventually(
      () => {
        expect(secondRun).toHaveLength(20);
      },
      {
        timeoutMs: 60_000,
        description: 'next 20 messages',
      },
    );
    expect(secondRun.map((message) => message.sequence).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, index) => 40 + index),
    );
  });
});

function decode(message: KafkaMessage, partition: number): Received {
  const { sequence } = JSON.parse(message.value?.toString() ?? '{}') as { sequence: number };
  return { key: message.key?.toString() ?? '', sequence, partition };
}
