import { AppLogger, type IncomingMessage, MessageSubscriber, type Subscription } from '@maestro/application';
import {
  type EventEnvelope,
  roomCreatedV1,
  roomDeletedV1,
  roomPingedV1,
  roomStatusChangedV1,
  schedulerCreatedV1,
  topics,
} from '@maestro/contracts';
import { type InstanceStatus, type RoomStatus, roomStreamId, schedulerStreamId } from '@maestro/domain';
import { EventForwardingMetrics, InMemoryEventForwarder } from '@maestro/event-forwarding';
import { InMemoryEventStore } from '@maestro/event-store';
import { randomUUID } from 'node:crypto';
import { ForwardingDirectory } from './forwarding-directory';
import { RoomForwardingConsumer } from './room-forwarding.consumer';

/** Keeps what was logged, so a failing test can show it. */
class RecordingLogger extends AppLogger {
  readonly lines: string[] = [];

  info(message: string): void {
    this.lines.push(message);
  }

  warn(message: string): void {
    this.lines.push(message);
  }

  error(message: string): void {
    this.lines.push(message);
  }
}

class UnusedSubscriber extends MessageSubscriber {
  subscribe(): Promise<Subscription> {
    return Promise.reject(new Error('not used: the tests hand batches over themselves'));
  }
}

const address = 'matchmaker.test:9090';

function schedulerDocument(forwarderEnabled: boolean): Record<string, unknown> {
  return {
    name: 'arena',
    game: 'tennis',
    portRange: { start: 20_000, end: 21_000 },
    maxSurge: '10%',
    roomsReplicas: 1,
    spec: {
      version: 'v1.0.0',
      terminationGracePeriod: 100,
      containers: [
        {
          name: 'game',
          image: 'my-game:1.0',
          imagePullPolicy: 'IfNotPresent',
          command: [],
          environment: [],
          requests: { memory: '100Mi', cpu: '100m' },
          limits: { memory: '200Mi', cpu: '200m' },
          ports: [{ name: 'clientPort', protocol: 'udp', port: 7777, hostPort: 0 }],
        },
      ],
      toleration: '',
      affinity: '',
    },
    autoscaling: null,
    forwarders: [
      {
        name: 'matchmaker',
        enable: forwarderEnabled,
        type: 'gRPC',
        address,
        options: { timeout: 500, metadata: { roomType: 'duel' } },
      },
    ],
    annotations: {},
    labels: {},
    matchAllocation: { maxMatches: 1 },
    createdAt: '2026-11-27T10:00:00.000Z',
  };
}

function roomCreatedData(roomId: string, isValidationRoom = false): Record<string, unknown> {
  return {
    schedulerName: 'arena',
    roomId,
    version: 'v1.0.0',
    ports: [
      { containerName: 'game', name: 'clientPort', protocol: 'udp', containerPort: 7777, hostPort: 20_001 },
    ],
    isValidationRoom,
    createdAt: '2026-11-27T10:00:00.000Z',
  };
}

let offset = 0;
function message(topic: string, type: string, data: Record<string, unknown>): IncomingMessage {
  const envelope: EventEnvelope = {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    source: 'test',
    subject: 'arena',
    time: '2026-11-27T10:00:00.000Z',
    data,
  };
  return { topic, partition: 0, offset: String(offset++), key: 'arena', envelope };
}

function ping(roomId: string, status: string, metadata: Record<string, unknown> = {}): IncomingMessage {
  return message(topics.roomPings, roomPingedV1.type, {
    schedulerName: 'arena',
    roomId,
    status,
    runningMatches: 0,
    metadata,
    receivedAt: '2026-11-27T10:00:10.000Z',
  });
}

/** `RoomStatusChanged` data: the room moved from `previousStatus` to `status`. */
function statusChangedData(
  roomId: string,
  previousStatus: RoomStatus,
  status: RoomStatus,
  pingStatus: string,
  instanceStatus: InstanceStatus,
): Record<string, unknown> {
  return {
    schedulerName: 'arena',
    roomId,
    previousStatus,
    status,
    pingStatus,
    instanceStatus,
    runningMatches: 0,
    changedAt: '2026-11-27T10:00:05.000Z',
  };
}

async function setUp({ forwarderEnabled = true } = {}) {
  const store = new InMemoryEventStore();
  await store.append(schedulerStreamId('arena'), 0, [
    {
      eventId: randomUUID(),
      type: schedulerCreatedV1.type,
      schemaVersion: 1,
      data: schedulerDocument(forwarderEnabled),
    },
  ]);
  for (const [roomId, isValidationRoom] of [
    ['room-1', false],
    ['room-2', false],
    ['validation', true],
  ] as const) {
    await store.append(roomStreamId('arena', roomId), 0, [
      {
        eventId: randomUUID(),
        type: roomCreatedV1.type,
        schemaVersion: 1,
        data: roomCreatedData(roomId, isValidationRoom),
      },
    ]);
  }
  const forwarder = new InMemoryEventForwarder();
  const metrics = new EventForwardingMetrics();
  const consumer = new RoomForwardingConsumer(
    new UnusedSubscriber(),
    new ForwardingDirectory(store, { schedulerTtlMs: 60_000, now: () => 0 }),
    forwarder,
    metrics,
    new RecordingLogger(),
    { groupId: 'worker-forwarding' },
  );
  /** Stores a status change of a room, as the worker does, and returns its `room-events` message. */
  const changeStatus = async (...args: Parameters<typeof statusChangedData>): Promise<IncomingMessage> => {
    const data = statusChangedData(...args);
    await store.append(roomStreamId('arena', args[0]), 'any', [
      { eventId: randomUUID(), type: roomStatusChangedV1.type, schemaVersion: 1, data },
    ]);
    return message(topics.roomEvents, roomStatusChangedV1.type, data);
  };
  return { consumer, forwarder, metrics, changeStatus };
}

function rpcsTo(forwarder: InMemoryEventForwarder): [string, string, string][] {
  return forwarder
    .callsTo(address)
    .map((call) => [
      call.rpc,
      call.message.room.roomId,
      'statusType' in call.message ? call.message.statusType : '',
    ]);
}

describe('RoomForwardingConsumer', () => {
  it('forwards a ping as a resync with the room’s status, game and port', async () => {
    const { consumer, forwarder, metrics } = await setUp();
    await consumer.handleBatch([ping('room-1', 'occupied', { players: 3 })]);
    expect(forwarder.callsTo(address)).toEqual([
      expect.objectContaining({
        rpc: 'SendRoomResync',
        message: {
          room: expect.objectContaining({
            game: 'tennis',
            roomId: 'room-1',
            port: 20_001,
            roomType: 'duel',
          }) as unknown,
          statusType: 'occupied',
        },
      }),
    ]);
    expect(forwarder.callsTo(address)[0]?.message.room.metadata).toMatchObject({
      players: '3',
      eventType: 'resync',
      pingType: 'occupied',
    });
    expect(
      await metrics.count({
        event: 'resync',
        scheduler: 'arena',
        forwarder: 'matchmaker',
        outcome: 'success',
        code: 'OK',
      }),
    ).toBe(1);
  });

  it('forwards only the last ping of a room within one batch', async () => {
    const { consumer, forwarder } = await setUp();
    await consumer.handleBatch([
      ping('room-1', 'ready'),
      ping('room-2', 'ready'),
      ping('room-1', 'occupied'),
    ]);
    expect(
      forwarder
        .callsTo(address)
        .map((call) => [call.message.room.roomId, 'statusType' in call.message && call.message.statusType]),
    ).toEqual([
      ['room-2', 'ready'],
      ['room-1', 'occupied'],
    ]);
  });

  it('forwards nothing for a ping whose status may not follow the room’s (an invalid transition)', async () => {
    const { consumer, forwarder, changeStatus } = await setUp();
    await changeStatus('room-1', 'pending', 'unready', 'unknown', 'ready');
    await changeStatus('room-1', 'unready', 'ready', 'ready', 'ready');

    await consumer.handleBatch([ping('room-1', 'terminated')]);
    await consumer.handleBatch([ping('room-1', 'occupied')]);

    expect(rpcsTo(forwarder)).toEqual([['SendRoomResync', 'room-1', 'occupied']]);
  });

  it('judges a ping on the room’s state after the room events it has seen', async () => {
    const { consumer, forwarder, changeStatus } = await setUp();
    await changeStatus('room-1', 'pending', 'ready', 'ready', 'ready');
    await consumer.handleBatch([ping('room-1', 'terminated')]);
    expect(rpcsTo(forwarder)).toEqual([]);

    // The room said terminating, the worker stored it: now terminated may follow.
    const terminating = await changeStatus('room-1', 'ready', 'terminating', 'terminating', 'ready');
    await consumer.handleBatch([terminating]);
    await consumer.handleBatch([ping('room-1', 'terminated')]);

    expect(rpcsTo(forwarder)).toEqual([['SendRoomResync', 'room-1', 'terminated']]);
  });

  it('forwards a terminated status instead of a resync when the room’s instance is terminating', async () => {
    const { consumer, forwarder, changeStatus } = await setUp();
    await changeStatus('room-1', 'pending', 'terminating', 'unknown', 'terminating');

    await consumer.handleBatch([ping('room-1', 'ready', { map: 'de_dust' })]);

    expect(rpcsTo(forwarder)).toEqual([['SendRoomStatus', 'room-1', 'terminated']]);
    expect(forwarder.callsTo(address)[0]?.message.room.metadata).toMatchObject({
      map: 'de_dust',
      eventType: 'status',
      pingType: 'terminated',
    });
  });

  it('forwards terminated when a room is deleted', async () => {
    const { consumer, forwarder } = await setUp();
    await consumer.handleBatch([
      message(topics.roomEvents, roomDeletedV1.type, {
        schedulerName: 'arena',
        roomId: 'room-2',
        reason: 'scale_down',
        deletedAt: '2026-11-27T10:01:00.000Z',
      }),
    ]);
    expect(forwarder.callsTo(address)).toEqual([
      expect.objectContaining({
        rpc: 'SendRoomStatus',
        message: expect.objectContaining({ statusType: 'terminated' }) as unknown,
      }),
    ]);
  });

  it('never forwards for a validation room, an unknown room, or without an enabled forwarder', async () => {
    const enabled = await setUp();
    await enabled.consumer.handleBatch([ping('validation', 'ready'), ping('ghost', 'ready')]);
    expect(enabled.forwarder.allCalls).toEqual([]);

    const disabled = await setUp({ forwarderEnabled: false });
    await disabled.consumer.handleBatch([ping('room-1', 'ready')]);
    expect(disabled.forwarder.allCalls).toEqual([]);
  });

  it('counts a forwarder it cannot reach and goes on with the batch', async () => {
    const { consumer, forwarder, metrics } = await setUp();
    forwarder.makeUnreachable(address);
    await expect(
      consumer.handleBatch([ping('room-1', 'ready'), ping('room-2', 'ready')]),
    ).resolves.toBeUndefined();
    expect(
      await metrics.count({
        event: 'resync',
        scheduler: 'arena',
        forwarder: 'matchmaker',
        outcome: 'failure',
        code: 'UNAVAILABLE',
      }),
    ).toBe(2);
  });
});
