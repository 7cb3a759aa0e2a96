import { type OutgoingMessage, roomPingedMessage } from '@maestro/application';
import { type KafkaConnection, KafkaMessagePublisher } from '@maestro/messaging';
import { randomUUID } from 'node:crypto';
import { LatencyRecorder, round } from '../../harness/stats';

export interface KafkaPingLoadSettings {
  readonly connection: KafkaConnection;
  readonly rooms: readonly { readonly schedulerName: string; readonly roomId: string }[];
  /** Pings per second over all rooms. */
  readonly rate: number;
  readonly durationSeconds: number;
}

/** What the Kafka load published, from the publisher's side. */
export interface KafkaPingLoadFigures {
  readonly durationSeconds: number;
  /** Pings Kafka acknowledged (acks -1). */
  readonly published: number;
  readonly publishedPerSecond: number;
  /** Pings due by the rate but not sent by the end, because Kafka did not take them as fast. */
  readonly behindSchedule: number;
  readonly failedSends: number;
  /** The first failure's message, when a send failed. */
  readonly firstFailure?: string;
  /** Time of one send (a tick's pings), from `sendBatch` to Kafka's acknowledgement. */
  readonly sendLatencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly sends: number;
  /** CPU used by this (the harness) process, % of one core. */
  readonly publisherCpuPercent: number;
}

const tickMs = 10;
const maxSendsInFlight = 4;
/** As room-ping-ingest's CoalescingPublisher: a send stays far below the broker's message size limit. */
const maxPingsPerSend = 500;
const source = 'maestro/room-ping-ingest';

/**
 * Publishes `RoomPinged` straight to `room-pings` at a fixed rate, as several room-ping-ingest
 * replicas would, through the project's own Kafka publisher (same CloudEvents headers, key and
 * partitioning as the ingest). It stands in for ping traffic one ingest process cannot produce on
 * this machine, so the worker can be measured at the rate asked; every ping is `ready`, stamped
 * `receivedAt` when it is sent.
 */
export async function runKafkaPingLoad(settings: KafkaPingLoadSettings): Promise<KafkaPingLoadFigures> {
  const publisher = new KafkaMessagePublisher(settings.connection);
  const sendLatency = new LatencyRecorder();
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const endsAt = startedAt + settings.durationSeconds * 1_000;
  let due = 0;
  let sent = 0;
  let published = 0;
  let failedSends = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const inFlight = new Set<Promise<void>>();

  const send = (count: number): void => {
    const receivedAt = new Date().toISOString();
    const messages: OutgoingMessage[] = [];
    for (let index = 0; index < count; index++) {
      const room = settings.rooms[next++ % settings.rooms.length];
      if (!room) continue;
      const { schedulerName, roomId } = room;
      const data = {
        schedulerName,
        roomId,
        status: 'ready',
        runningMatches: 0,
        metadata: {},
        receivedAt,
      } as const;
      messages.push(roomPingedMessage(data, randomUUID(), source));
    }
    const sendStarted = performance.now();
    const sending = publisher.publish(messages).then(
      () => {
        published += messages.length;
        sendLatency.record(performance.now() - sendStarted);
      },
      (error: unknown) => {
        failedSends++;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      },
    );
    const tracked = sending.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  while (performance.now() < endsAt) {
    due = Math.floor(((performance.now() - startedAt) / 1_000) * settings.rate);
    while (due > sent && inFlight.size < maxSendsInFlight) {
      const count = Math.min(due - sent, maxPingsPerSend);
      send(count);
      sent += count;
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  const behindSchedule = due - sent;
  await Promise.all(inFlight);
  const seconds = (performance.now() - startedAt) / 1_000;
  const cpu = process.cpuUsage(cpuBefore);
  const [p50, p99, max] = sendLatency.percentiles([50, 99, 100]);
  return {
    durationSeconds: round(seconds, 2),
    published,
    publishedPerSecond: round(published / seconds, 1),
    behindSchedule,
    failedSends,
    ...(firstFailure === undefined ? {} : { firstFailure }),
    sendLatencyMs: {
      p50: round(p50 ?? Number.NaN, 2),
      p99: round(p99 ?? Number.NaN, 2),
      max: round(max ?? Number.NaN, 2),
    },
    sends: sendLatency.size,
    publisherCpuPercent: round(((cpu.user + cpu.system) / 1_000 / (seconds * 1_000)) * 100, 1),
  };
}
