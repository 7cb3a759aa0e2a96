import {
  AppLogger,
  KnownRooms,
  MessageSubscriber,
  type Subscription,
  type SubscriptionOptions,
} from '@maestro/application';
import { type EventEnvelope, roomCreatedV1, roomDeletedV1, topics } from '@maestro/contracts';
import { InMemoryMessageBus } from '@maestro/messaging';
import { eventually } from '@maestro/testing';
import { randomUUID } from 'node:crypto';
import { KnownSchedulers } from './known-schedulers.view';
import { RoomDirectory } from './room-directory.view';
import { RoomEventsConsumer, type RoomEventsConsumerOptions } from './room-events.consumer';
import * as fixture from './room-events.fixture';

class RecordingLogger extends AppLogger {
  readonly lines: { level: string; message: string }[] = [];

  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }

  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }

  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
}

/** Kafka refusing the first subscriptions (broker still starting), then the in-memory bus. */
class FlakySubscriber extends MessageSubscriber {
  attempts = 0;

  constructor(
    private readonly bus: InMemoryMessageBus,
    private readonly failures: number,
  ) {
    super();
  }

  subscribe(options: SubscriptionOptions): Promise<Subscription> {
    this.attempts++;
    if (this.attempts <= this.failures) return Promise.reject(new Error('There is no leader for this topic'));
    return this.bus.subscribe(options);
  }
}

function event(type: string, data: Record<string, unknown>): EventEnvelope {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    source: 'maestro/worker',
    subject: String(data.schedulerName),
    time: '2026-11-27T10:00:00.000Z',
    data,
  };
}

function roomCreated(schedulerName: string, roomId: string): EventEnvelope {
  return event(roomCreatedV1.type, {
    schedulerName,
    roomId,
    version: 'v1.0.0',
    ports: [],
    isValidationRoom: false,
    createdAt: '2026-11-27T10:00:00.000Z',
  });
}

function roomDeleted(schedulerName: string, roomId: string): EventEnvelope {
  return event(roomDeletedV1.type, {
    schedulerName,
    roomId,
    reason: 'scale_down',
    deletedAt: '2026-11-27T10:01:00.000Z',
  });
}

async function publish(bus: InMemoryMessageBus, ...envelopes: EventEnvelope[]): Promise<void> {
  await bus.publish(
    envelopes.map((envelope) => ({ topic: topics.roomEvents, key: envelope.subject, envelope })),
  );
}

interface Harness {
  readonly consumer: RoomEventsConsumer;
  readonly knownRooms: KnownRooms;
  readonly logger: RecordingLogger;
  readonly forgotten: string[];
}

const running: RoomEventsConsumer[] = [];

function startConsumer(
  subscriber: MessageSubscriber,
  overrides: Partial<RoomEventsConsumerOptions> = {},
): Harness {
  const knownRooms = new KnownRooms();
  const logger = new RecordingLogger();
  const forgotten: string[] = [];
  const consumer = new RoomEventsConsumer(
    knownRooms,
    subscriber,
    {
      groupId: `room-ping-ingest-${randomUUID()}`,
      topicsReady: () => Promise.resolve(true),
      forgetGroup: (groupId) => {
        forgotten.push(groupId);
        return Promise.resolve();
      },
      ...overrides,
    },
    logger,
  );
  consumer.onApplicationBootstrap();
  running.push(consumer);
  return { consumer, knownRooms, logger, forgotten };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((consumer) => consumer.beforeApplicationShutdown()));
});

async function caughtUp(consumer: RoomEventsConsumer): Promise<void> {
  await eventually(
    () => {
      expect(consumer.readinessProblem()).toBeUndefined();
    },
    { timeoutMs: 5_000, intervalMs: 10, description: 'known rooms caught up' },
  );
}

describe('RoomEventsConsumer', () => {
  it('rebuilds the known rooms from the whole topic before reporting ready', async () => {
    const bus = new InMemoryMessageBus();
    await publish(
      bus,
      roomCreated('arena', 'room-1'),
      roomCreated('arena', 'room-2'),
      roomCreated('lobby', 'room-3'),
      roomDeleted('arena', 'room-1'),
    );

    const { consumer, knownRooms } = startConsumer(bus);
    await caughtUp(consumer);

    expect(knownRooms.has('arena', 'room-1')).toBe(false);
    expect(knownRooms.has('arena', 'room-2')).toBe(true);
    expect(knownRooms.has('lobby', 'room-3')).toBe(true);
    expect(knownRooms.size).toBe(2);
  });

  it('feeds the other views from their topics too: schedulers and room details', async () => {
    const bus = new InMemoryMessageBus();
    await fixture.publishTo(
      bus,
      fixture.schedulerCreated('arena', 'tennis', [fixture.aForwarder()]),
      fixture.roomCreated('arena', 'room-1'),
      fixture.roomAddressAssigned('arena', 'room-1', '10.0.0.7'),
    );
    const schedulers = new KnownSchedulers();
    const rooms = new RoomDirectory();
    const consumer = new RoomEventsConsumer(
      new KnownRooms(),
      bus,
      { groupId: `room-ping-ingest-${randomUUID()}`, topicsReady: () => Promise.resolve(true) },
      new RecordingLogger(),
      [rooms, schedulers],
    );
    consumer.onApplicationBootstrap();
    running.push(consumer);
    await caughtUp(consumer);
    expect(schedulers.forwardingOf('arena')?.game).toBe('tennis');
    expect(rooms.get('arena', 'room-1')?.address?.host).toBe('10.0.0.7');
  });

  it('reports ready at once when the topic is empty', async () => {
    const { consumer } = startConsumer(new InMemoryMessageBus());
    await caughtUp(consumer);
  });

  it('follows rooms created and deleted after it caught up', async () => {
    const bus = new InMemoryMessageBus();
    const { consumer, knownRooms } = startConsumer(bus);
    await caughtUp(consumer);

    await publish(bus, roomCreated('arena', 'room-9'));
    await eventually(() => {
      expect(knownRooms.has('arena', 'room-9')).toBe(true);
    });
    await publish(bus, roomDeleted('arena', 'room-9'));
    await eventually(() => {
      expect(knownRooms.has('arena', 'room-9')).toBe(false);
    });
  });

  it('gives every instance the whole view, each in its own group', async () => {
    const bus = new InMemoryMessageBus();
    await publish(bus, roomCreated('arena', 'room-1'), roomCreated('lobby', 'room-2'));
    const first = startConsumer(bus);
    const second = startConsumer(bus);
    await caughtUp(first.consumer);
    await caughtUp(second.consumer);
    expect([first.knownRooms.size, second.knownRooms.size]).toEqual([2, 2]);
  });

  it('leaves out a room event that breaks its schema, logs it, and keeps following', async () => {
    const bus = new InMemoryMessageBus();
    await publish(bus, event(roomCreatedV1.type, { schedulerName: 'arena' }), roomCreated('arena', 'room-2'));
    const { consumer, knownRooms, logger } = startConsumer(bus);
    await caughtUp(consumer);
    expect(knownRooms.size).toBe(1);
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: 'room event does not match its schema; left out of the known rooms',
    });
  });

  it('says it waits for the topics until they exist', async () => {
    const { consumer } = startConsumer(new InMemoryMessageBus(), {
      topicsReady: () => new Promise<boolean>(() => undefined),
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(consumer.readinessProblem()).toBe('waiting for the Kafka topics');
  });

  it('keeps trying to join room-events while Kafka refuses, then catches up', async () => {
    const bus = new InMemoryMessageBus();
    await publish(bus, roomCreated('arena', 'room-1'));
    const subscriber = new FlakySubscriber(bus, 2);
    const { consumer, knownRooms } = startConsumer(subscriber);

    await eventually(() => {
      expect(consumer.readinessProblem()).toBe('joining room-events: There is no leader for this topic');
    });
    await caughtUp(consumer);
    expect(subscriber.attempts).toBe(3);
    expect(knownRooms.has('arena', 'room-1')).toBe(true);
  });

  it('stops following and deletes its group on shutdown', async () => {
    const bus = new InMemoryMessageBus();
    const groupId = `room-ping-ingest-${randomUUID()}`;
    const { consumer, knownRooms, forgotten } = startConsumer(bus, { groupId });
    await caughtUp(consumer);

    await consumer.beforeApplicationShutdown();
    await publish(bus, roomCreated('arena', 'room-late'));
    await new Promise((resolve) => setImmediate(resolve));

    expect(forgotten).toEqual([groupId]);
    expect(knownRooms.has('arena', 'room-late')).toBe(false);
    expect(consumer.readinessProblem()).toBe('stopped');
  });

  it('shuts down promptly while still waiting for the topics', async () => {
    const { consumer, forgotten } = startConsumer(new InMemoryMessageBus(), {
      topicsReady: () => new Promise<boolean>(() => undefined),
    });
    await consumer.beforeApplicationShutdown();
    expect(forgotten).toEqual([]);
  });
});
