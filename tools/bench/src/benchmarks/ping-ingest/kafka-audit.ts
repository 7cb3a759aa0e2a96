import { topics } from '@maestro/contracts';
import { type KafkaConnection } from '@maestro/messaging';
import { randomBytes } from 'node:crypto';

/** Each partition's next offset (its high watermark) at one moment. */
export type TopicOffsets = ReadonlyMap<number, bigint>;

export async function roomPingsOffsets(connection: KafkaConnection): Promise<TopicOffsets> {
  const admin = await connection.connectedAdmin();
  const offsets = await admin.fetchTopicOffsets(connection.names.physical(topics.roomPings));
  return new Map(offsets.map(({ partition, high }) => [partition, BigInt(high)]));
}

export interface AuditCount {
  /** Messages appended to room-pings between the two moments. */
  readonly appended: number;
  /** Of those, the pings of the run's own schedulers. */
  readonly ours: number;
}

const auditTimeoutMs = 120_000;

/**
 * Reads room-pings from `from` to `to` (exclusive) on every partition and counts the messages keyed
 * by one of `schedulerNames` (the ping path keys each RoomPinged by its scheduler). Reading the
 * messages, rather than subtracting offsets, keeps others' pings on the shared topic out of the count.
 */
export async function countRunPings(
  connection: KafkaConnection,
  from: TopicOffsets,
  to: TopicOffsets,
  schedulerNames: readonly string[],
): Promise<AuditCount> {
  const wanted = new Set(schedulerNames);
  const remaining = new Map<number, bigint>();
  let appended = 0;
  for (const [partition, end] of to) {
    const start = from.get(partition) ?? 0n;
    if (end > start) {
      remaining.set(partition, end);
      appended += Number(end - start);
    }
  }
  if (remaining.size === 0) return { appended: 0, ours: 0 };

  const roomPings = connection.names.physical(topics.roomPings);
  const groupId = connection.names.group(`bench-audit-${randomBytes(4).toString('hex')}`);
  const consumer = connection.kafka.consumer({ groupId, maxBytes: 50 * 1024 * 1024, maxWaitTimeInMs: 100 });
  let ours = 0;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: roomPings, fromBeginning: false });
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the audit did not reach the end offsets within ${auditTimeoutMs / 1000} s`));
      }, auditTimeoutMs);
      void consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const end = remaining.get(batch.partition);
          if (end === undefined) return;
          for (const message of batch.messages) {
            const offset = BigInt(message.offset);
            if (offset >= end) break;
            if (offset < (from.get(batch.partition) ?? 0n)) continue;
            if (message.key && wanted.has(message.key.toString('utf8'))) ours++;
            if (offset === end - 1n) {
              remaining.delete(batch.partition);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
              break;
            }
          }
          await Promise.resolve();
        },
      });
      // Seeking needs the consumer running; every partition starts where the run started.
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const partition of remaining.keys()) {
          consumer.seek({
            topic: roomPings,
            partition,
            offset: String(from.get(partition) ?? 0n),
          });
        }
      });
    });
    await done;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await (await connection.connectedAdmin()).deleteGroups([groupId]).catch(() => undefined);
  }
  return { appended, ours };
}
