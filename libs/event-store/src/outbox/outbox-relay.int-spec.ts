import {
  type IncomingMessage,
  MessagePublisher,
  type NewEvent,
  type OutgoingMessage,
} from '@maestro/application';
import { type EventDefinition, eventCatalogue } from '@maestro/contracts';
import {
  deadLetterTopicOf,
  ensureTopics,
  KafkaConnection,
  KafkaMessagePublisher,
  KafkaMessageSubscriber,
} from '@maestro/messaging';
import { openDatabase } from '@maestro/persistence';
import { createTestDatabase, eventually, testEnvironment, type TestDatabase } from '@maestro/testing';
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { PostgresEventStore } from '../postgres/postgres-event-store.adapter';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';

// Topics of this file only, so other tests on the shared broker neither see nor disturb these events.
const prefix = `relay-${randomUUID()}`;
const topicFor = (definition: EventDefinition): string => `${prefix}.${definition.topic}`;
const topics = [...new Set(eventCatalogue.map(topicFor))];

let database: TestDatabase;
let dataSource: DataSource;
let store: PostgresEventStore;
let connection: KafkaConnection;
let publisher: KafkaMessagePublisher;
let subscriber: KafkaMessageSubscriber;
const received: IncomingMessage[] = [];
const logged: { level: string; message: string; fields: Record<string, unknown> }[] = [];
const relays: OutboxRelay[] = [];

beforeAll(async () => {
  database = await createTestDatabase('outbox_relay');
  dataSource = await openDatabase({ url: database.url });
  store = new PostgresEventStore(dataSource);
  connection = new KafkaConnection({
    brokers: testEnvironment().kafkaBrokers,
    clientId: 'outbox-relay-test',
  });
  await ensureTopics(await connection.connectedAdmin(), { topics, partitions: 6, replicationFactor: 1 });
  publisher = new KafkaMessagePublisher(connection);
  subscriber = new KafkaMessageSubscriber(connection, { maxWaitTimeMs: 100 });
  await subscriber.subscribe({
    groupId: `${prefix}-reader`,
    topics,
    fromBeginning: true,
    handleBatch: (messages) => {
      received.push(...messages);
      return Promise.resolve();
    },
  });
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});

afterAll(async () => {
  await subscriber.close();
  const admin = await connection.connectedAdmin();
  const existing = new Set(await admin.listTopics());
  const ours = topics.flatMap((topic) => [topic, deadLetterTopicOf(topic)]).filter((t) => existing.has(t));
  await admin.deleteTopics({ topics: ours });
  await connection.close();
  await dataSource.destroy();
  await database.drop();
});

function relay(options: Partial<OutboxRelayOptions> = {}, bus: MessagePublisher = publisher): OutboxRelay {
  const created = new OutboxRelay(dataSource, bus, {
    log: (level, message, fields) => logged.push({ level, message, fields }),
    topicFor,
    ...options,
  });
  relays.push(created);
  return created;
}

function newEvent(type: string, scheduler: string, data: Record<string, unknown> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { subject: scheduler, source: 'maestro/worker' },
  };
}

function receivedFor(scheduler: string): IncomingMessage[] {
  return received.filter((message) => message.key === scheduler);
}

function ids(messages: readonly IncomingMessage[]): string[] {
  return messages.map((message) => message.envelope.id);
}

async function stillInOutbox(positions: readonly bigint[]): Promise<number> {
  const rows = await dataSource.query<[{ n: number }]>(
    'SELECT count(*)::int AS n FROM outbox WHERE global_position = ANY($1::bigint[])',
    [positions.map(String)],
  );
  return rows[0].n;
}

class RefusingPublisher extends MessagePublisher {
  publish(): Promise<void> {
    return Promise.reject(new Error('broker unreachable'));
  }
}

/** Publishes for real, then dies before the relay can delete the rows: the crash the outbox is for. */
class CrashingAfterPublish extends MessagePublisher {
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    await publisher.publish(messages);
    throw new Error('process killed after publishing');
  }
}

describe('OutboxRelay on real Postgres and Kafka', () => {
  it('delivers appended events keyed by scheduler with their CloudEvents attributes, and empties the outbox', async () => {
    const scheduler = `scheduler-${randomUUID()}`;
    const events = [
      newEvent('RoomCreated', scheduler, { roomId: 'room-1' }),
      newEvent('RoomPinged', scheduler),
    ];
    const { globalPositions } = await store.append(`room:${scheduler}:room-1`, 0, events);
    const [recorded] = await store.readStream(`room:${scheduler}:room-1`);
    relay().start();

    // Two topics, each in its own order: compare the sets.
    await eventually(() => {
      expect(ids(receivedFor(scheduler)).sort()).toEqual(events.map((e) => e.eventId).sort());
    });
    const created = receivedFor(scheduler).find((message) => message.envelope.type === 'RoomCreated');
    const pinged = receivedFor(scheduler).find((message) => message.envelope.type === 'RoomPinged');
    expect(created).toMatchObject({
      topic: `${prefix}.room-events`,
      key: scheduler,
      envelope: {
        id: events[0]!.eventId,
        type: 'RoomCreated',
        schemaVersion: 1,
        source: 'maestro/worker',
        subject: scheduler,
        time: recorded!.recordedAt.toISOString(),
        data: { roomId: 'room-1' },
      },
    });
    expect(pinged?.topic).toBe(`${prefix}.room-pings`);
    await eventually(async () => {
      expect(await stillInOutbox(globalPositions)).toBe(0);
    });
  });

  it('loses no event when publishing fails, and publishes again what a crash left unconfirmed', async () => {
    const scheduler = `scheduler-${randomUUID()}`;
    const events = Array.from({ length: 5 }, (_, n) => newEvent('RoomStatusChanged', scheduler, { n }));
    const { globalPositions } = await store.append(`scheduler:${scheduler}`, 0, events);

    await expect(relay({}, new RefusingPublisher()).relayBatch()).rejects.toThrow('broker unreachable');
    expect(await stillInOutbox(globalPositions)).toBe(5);
    await expect(relay({}, new CrashingAfterPublish()).relayBatch()).rejects.toThrow('process killed');
    expect(await stillInOutbox(globalPositions)).toBe(5);

    relay().start();
    await eventually(async () => {
      expect(await stillInOutbox(globalPositions)).toBe(0);
    });
    // At least once: the crashed batch went out twice, both times in stream order.
    const eventIds = events.map((event) => event.eventId);
    await eventually(() => {
      expect(ids(receivedFor(scheduler))).toEqual([...eventIds, ...eventIds]);
    });
  });

  it("lets several relays share a backlog without reordering any scheduler's events", async () => {
    const schedulers = Array.from({ length: 4 }, () => `scheduler-${randomUUID()}`);
    const versions = Array.from({ length: 40 }, (_, index) => index + 1);
    // Each scheduler's events spread over two streams, interleaved in the log.
    for (const version of versions) {
      await Promise.all(
        schedulers.map((scheduler) =>
          store.append(`scheduler:${scheduler}:${String(version % 2)}`, 'any', [
            newEvent('RoomStatusChanged', scheduler, { version }),
          ]),
        ),
      );
    }

    for (let started = 0; started < 3; started++) relay({ batchSize: 7 }).start();

    await eventually(() => {
      for (const scheduler of schedulers) {
        const seen = receivedFor(scheduler).map(
          (message) => (message.envelope.data as { version: number }).version,
        );
        expect(seen).toEqual(versions);
      }
    });
  });

  it('leaves an event it cannot route in the outbox, says why in the log, and relays the others', async () => {
    const scheduler = `scheduler-${randomUUID()}`;
    const unknown = newEvent('NoSuchEvent', scheduler);
    const known = newEvent('RoomCreated', scheduler);
    const unkeyed: NewEvent = { eventId: randomUUID(), type: 'RoomCreated', schemaVersion: 1, data: {} };
    const first = await store.append(`scheduler:${scheduler}`, 0, [unknown, known]);
    const second = await store.append(`scheduler:${randomUUID()}`, 0, [unkeyed]);
    relay().start();

    await eventually(() => {
      expect(ids(receivedFor(scheduler))).toEqual([known.eventId]);
    });
    expect(await stillInOutbox([first.globalPositions[0]!, second.globalPositions[0]!])).toBe(2);
    const errors = logged.filter((entry) => entry.level === 'error');
    expect(errors.map((entry) => entry.fields.eventId)).toEqual([unknown.eventId, unkeyed.eventId]);
    expect(errors[0]!.fields.reason).toBe('NoSuchEvent v1 is not in the event catalogue');
  });
});
