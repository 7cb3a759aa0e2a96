import { type KafkaConnection } from '@maestro/messaging';
import { type Progress } from '../../harness/benchmark';

/**
 * Commits the current end of `topics` for a consumer group that does not run yet, so that it starts
 * there instead of at the beginning. The benchmark's worker has a database of its own: the shared
 * topics' history (others' tests, earlier runs: hundreds of thousands of pings) is about schedulers it
 * will never know, and reading it first would only delay the run by minutes.
 */
export async function startGroupAtEnd(
  connection: KafkaConnection,
  groupId: string,
  topics: readonly string[],
): Promise<void> {
  const admin = await connection.connectedAdmin();
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })),
    });
  }
}

/**
 * Waits until consumer group `groupId` has committed, on every partition of `topics`, the end
 * offsets those partitions had when this was called. A new worker group reads the shared topics from
 * the beginning (others' pings included), so lag measured before it caught up would time the backlog.
 */
export async function waitUntilCaughtUp(
  connection: KafkaConnection,
  groupId: string,
  topics: readonly string[],
  progress: Progress,
  timeoutMs = 600_000,
): Promise<void> {
  const admin = await connection.connectedAdmin();
  const targets = new Map<string, bigint>();
  for (const topic of topics) {
    for (const { partition, high } of await admin.fetchTopicOffsets(topic)) {
      targets.set(`${topic}/${partition}`, BigInt(high));
    }
  }
  const deadline = Date.now() + timeoutMs;
  let lastReport = 0;
  for (;;) {
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    let behind = 0n;
    for (const { topic, partitions } of committed) {
      for (const { partition, offset } of partitions) {
        const target = targets.get(`${topic}/${partition}`) ?? 0n;
        const at = offset === '-1' ? 0n : BigInt(offset);
        if (at < target) behind += target - at;
      }
    }
    if (behind === 0n) return;
    if (Date.now() > deadline)
      throw new Error(`the worker is still ${behind} messages behind on ${topics.join(', ')}`);
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      progress(
        `… the worker's new consumer group is ${behind.toLocaleString('en-US')} messages behind on ${topics.join(', ')} (others' history included)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
