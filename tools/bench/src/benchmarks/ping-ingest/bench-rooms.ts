import { type OutgoingMessage } from '@maestro/application';
import { roomCreatedV1 } from '@maestro/contracts';
import { type KafkaConnection, KafkaMessagePublisher } from '@maestro/messaging';
import { randomBytes, randomUUID } from 'node:crypto';

/** The rooms a run pings: its own scheduler names, so runs and others' tests never share a room. */
export interface BenchRooms {
  readonly runId: string;
  readonly schedulerNames: readonly string[];
  /** `PUT` paths, one per room, in the order the load takes them (schedulers interleaved). */
  readonly pingPaths: readonly string[];
  readonly rooms: readonly { readonly schedulerName: string; readonly roomId: string }[];
}

export function benchRooms(roomCount: number, roomsPerScheduler: number): BenchRooms {
  const runId = randomBytes(3).toString('hex');
  const schedulerCount = Math.max(1, Math.ceil(roomCount / roomsPerScheduler));
  const schedulerNames = Array.from({ length: schedulerCount }, (_, index) => `bench-${runId}-${index}`);
  const rooms = Array.from({ length: roomCount }, (_, index) => ({
    schedulerName: schedulerNames[index % schedulerCount] ?? '',
    roomId: `room-${index}`,
  }));
  return {
    runId,
    schedulerNames,
    rooms,
    pingPaths: rooms.map(({ schedulerName, roomId }) => `/scheduler/${schedulerName}/rooms/${roomId}/ping`),
  };
}

const messagesPerSend = 2_000;

/**
 * Makes the rooms known the way the worker does: `RoomCreated` on `room-events`, which every
 * room-ping-ingest instance folds into its known-rooms view, on the run's own topics (`connection`
 * carries the run's topic prefix).
 */
export async function announceRooms(connection: KafkaConnection, rooms: BenchRooms): Promise<void> {
  const at = new Date().toISOString();
  await publishInChunks(
    connection,
    rooms.rooms.map(({ schedulerName, roomId }) =>
      message(schedulerName, roomCreatedV1.type, roomCreatedV1.version, at, {
        schedulerName,
        roomId,
        version: 'v1.0.0',
        ports: [],
        isValidationRoom: false,
        createdAt: at,
      }),
    ),
  );
}

async function publishInChunks(
  connection: KafkaConnection,
  messages: readonly OutgoingMessage[],
): Promise<void> {
  const publisher = new KafkaMessagePublisher(connection);
  for (let start = 0; start < messages.length; start += messagesPerSend) {
    await publisher.publish(messages.slice(start, start + messagesPerSend));
  }
}

function message(
  schedulerName: string,
  type: string,
  schemaVersion: number,
  time: string,
  data: Record<string, unknown>,
): OutgoingMessage {
  return {
    topic: roomCreatedV1.topic,
    key: schedulerName,
    envelope: {
      id: randomUUID(),
      type,
      schemaVersion,
      source: 'maestro/bench',
      subject: schedulerName,
      time,
      data,
    },
  };
}
