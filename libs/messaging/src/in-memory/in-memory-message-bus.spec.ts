import { messageBusContract } from '../testing/message-bus.contract';
import { InMemoryMessageBus } from './in-memory-message-bus.adapter';

const topicCounter = { next: 0 };

messageBusContract('InMemoryMessageBus', () => {
  const bus = new InMemoryMessageBus({
    partitions: 6,
    retry: { maxAttempts: 3, initialBackoffMs: 5, maxBackoffMs: 20 },
  });
  return Promise.resolve({
    publisher: bus,
    subscriber: bus,
    partitions: bus.partitions,
    createTopics: (count) =>
      Promise.resolve(Array.from({ length: count }, () => `topic-${String(topicCounter.next++)}`)),
    close: () => bus.close(),
  });
});

describe('InMemoryMessageBus', () => {
  it('refuses a subscription without topics', async () => {
    const bus = new InMemoryMessageBus();
    await expect(
      bus.subscribe({ groupId: 'g', topics: [], fromBeginning: true, handleBatch: () => Promise.resolve() }),
    ).rejects.toThrow(RangeError);
  });

  it('hands a handler at most maxBatchSize messages at once', async () => {
    const bus = new InMemoryMessageBus({ maxBatchSize: 3 });
    await bus.publish(
      Array.from({ length: 7 }, (_, n) => ({
        topic: 't',
        key: 'scheduler-a',
        envelope: {
          id: String(n),
          type: 'T',
          schemaVersion: 1,
          source: 's',
          subject: 'scheduler-a',
          time: '2026-01-01T00:00:00.000Z',
          data: { n },
        },
      })),
    );
    const batchSizes: number[] = [];
    const subscription = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      handleBatch: (messages) => {
        batchSizes.push(messages.length);
        return Promise.resolve();
      },
    });
    await subscription.waitUntilCaughtUp();
    expect(batchSizes).toEqual([3, 3, 1]);
    await bus.close();
  });
});

describe('InMemoryMessageBus retention', () => {
  it('drops the oldest messages of a full partition, so a late group starts at the oldest one kept', async () => {
    const bus = new InMemoryMessageBus({ partitions: 1, maxMessagesPerPartition: 10 });
    await bus.publish(
      Array.from({ length: 25 }, (_, n) => ({
        topic: 'room-pings',
        key: 'scheduler-a',
        envelope: {
          id: String(n),
          type: 'RoomPinged',
          schemaVersion: 1,
          source: 's',
          subject: 'scheduler-a',
          time: '2026-01-01T00:00:00.000Z',
          data: { n },
        },
      })),
    );
    const offsets: string[] = [];
    const subscription = await bus.subscribe({
      groupId: 'late',
      topics: ['room-pings'],
      fromBeginning: true,
      handleBatch: (messages) => {
        offsets.push(...messages.map((message) => message.offset));
        return Promise.resolve();
      },
    });
    await subscription.waitUntilCaughtUp();
    // Trimmed in chunks: it keeps between 10 and 11 (10 % more) of the newest messages.
    const first = Number(offsets[0]);
    expect(first).toBeGreaterThanOrEqual(14);
    expect(offsets).toEqual(Array.from({ length: 25 - first }, (_, index) => String(first + index)));
    await bus.close();
  });
});
