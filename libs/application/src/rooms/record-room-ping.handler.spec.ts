import { type EventEnvelope, roomCreatedV1, roomPingedV1 } from '@maestro/contracts';
import { Clock } from '../ports/clock.port';
import { MessagePublisher, type OutgoingMessage } from '../ports/message-bus.port';
import { Randomness } from '../ports/randomness.port';
import { KnownRooms } from './known-rooms.view';
import { type RecordRoomPing, RecordRoomPingHandler } from './record-room-ping.handler';

class RecordingPublisher extends MessagePublisher {
  readonly published: OutgoingMessage[] = [];
  failure: Error | undefined;

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.published.push(...messages);
    return Promise.resolve();
  }
}

class FixedClock extends Clock {
  constructor(private readonly instant: Date) {
    super();
  }

  now(): Date {
    return this.instant;
  }
}

class CountingRandomness extends Randomness {
  private issued = 0;

  uuid(): string {
    return `event-${++this.issued}`;
  }

  fraction(): number {
    return 0.5;
  }
}

const receivedAt = '2026-11-27T12:00:00.000Z';

function knownRooms(...rooms: [string, string][]): KnownRooms {
  const view = new KnownRooms();
  for (const [schedulerName, roomId] of rooms) {
    view.apply({
      id: `created-${roomId}`,
      type: roomCreatedV1.type,
      schemaVersion: roomCreatedV1.version,
      source: 'maestro/worker',
      subject: schedulerName,
      time: receivedAt,
      data: {
        schedulerName,
        roomId,
        version: 'v1.0.0',
        ports: [],
        isValidationRoom: false,
        createdAt: receivedAt,
      },
    });
  }
  return view;
}

function setUp() {
  const publisher = new RecordingPublisher();
  const handler = new RecordRoomPingHandler({
    knownRooms: knownRooms(['arena', 'room-1']),
    publisher,
    clock: new FixedClock(new Date(receivedAt)),
    randomness: new CountingRandomness(),
    source: 'maestro/room-ping-ingest',
  });
  return { handler, publisher };
}

function ping(overrides: Partial<RecordRoomPing> = {}): RecordRoomPing {
  return {
    schedulerName: 'arena',
    roomId: 'room-1',
    status: 'ready',
    runningMatches: undefined,
    metadata: {},
    roomTimestamp: undefined,
    ...overrides,
  };
}

describe('RecordRoomPingHandler', () => {
  it('publishes RoomPinged keyed by scheduler on room-pings, stamped with the time of receipt', async () => {
    const { handler, publisher } = setUp();

    const result = await handler.handle(
      ping({ status: 'ready', metadata: { region: 'eu' }, roomTimestamp: '12312312313', runningMatches: 0 }),
    );

    expect(result).toEqual({ outcome: 'accepted' });
    expect(publisher.published).toEqual([
      {
        topic: 'room-pings',
        key: 'arena',
        envelope: {
          id: 'event-1',
          type: 'RoomPinged',
          schemaVersion: 1,
          source: 'maestro/room-ping-ingest',
          subject: 'arena',
          time: receivedAt,
          data: {
            schedulerName: 'arena',
            roomId: 'room-1',
            status: 'ready',
            runningMatches: 0,
            metadata: { region: 'eu' },
            receivedAt,
            roomTimestamp: '12312312313',
          },
        },
      },
    ]);
    expect(roomPingedV1.schema.safeParse(publisher.published[0]!.envelope.data).success).toBe(true);
  });

  it('gives every published ping its own event id', async () => {
    const { handler, publisher } = setUp();
    await handler.handle(ping());
    await handler.handle(ping());
    expect(publisher.published.map((message) => message.envelope.id)).toEqual(['event-1', 'event-2']);
  });

  it.each([
    ['absent', undefined, 1],
    ['zero', 0, 1],
    ['three', 3, 3],
  ])('counts an occupied room with running matches %s as running %d', async (_, runningMatches, expected) => {
    const { handler, publisher } = setUp();
    await handler.handle(ping({ status: 'occupied', runningMatches }));
    expect(dataOf(publisher.published[0]!.envelope).runningMatches).toBe(expected);
  });

  it.each(['ready', 'terminating', 'terminated'] as const)(
    'keeps zero running matches for a %s room that sent none',
    async (status) => {
      const { handler, publisher } = setUp();
      await handler.handle(ping({ status }));
      expect(dataOf(publisher.published[0]!.envelope).runningMatches).toBe(0);
    },
  );

  it('answers unknown_room without publishing for a room it does not know', async () => {
    const { handler, publisher } = setUp();
    expect(await handler.handle(ping({ roomId: 'room-2' }))).toEqual({ outcome: 'unknown_room' });
    expect(await handler.handle(ping({ schedulerName: 'lobby' }))).toEqual({ outcome: 'unknown_room' });
    expect(publisher.published).toEqual([]);
  });

  it('reports publish_failed with the cause when the bus does not acknowledge', async () => {
    const { handler, publisher } = setUp();
    const failure = new Error('broker unavailable');
    publisher.failure = failure;
    expect(await handler.handle(ping())).toEqual({ outcome: 'publish_failed', error: failure });
  });

  it('refuses a ping whose payload breaks the RoomPinged schema, without publishing', async () => {
    const { handler, publisher } = setUp();
    const result = await handler.handle(ping({ runningMatches: -1 }));
    expect(result).toMatchObject({
      outcome: 'invalid',
      problems: [expect.stringMatching(/^runningMatches: /)],
    });
    expect(publisher.published).toEqual([]);
  });
});

function dataOf(envelope: EventEnvelope): { runningMatches: number } {
  return envelope.data as { runningMatches: number };
}
