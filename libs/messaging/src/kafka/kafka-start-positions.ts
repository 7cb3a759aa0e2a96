import { type Admin } from 'kafkajs';
import { partitionKey } from '../subscription/catch-up-tracker';

export interface StartPositions {
  /** Each partition's end offset when the subscription started: what "caught up" means. */
  readonly targets: ReadonlyMap<string, bigint>;
  /** Where the group will start reading each partition (a lower bound). */
  readonly positions: ReadonlyMap<string, bigint>;
}

/** Reads the partitions' end offsets and the group's committed offsets for a new subscription. */
export async function readStartPositions(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
  fromBeginning: boolean,
): Promise<StartPositions> {
  const targets = new Map<string, bigint>();
  const positions = new Map<string, bigint>();
  const watermarks = new Map<string, { low: bigint; high: bigint }>();
  for (const topic of topics) {
    for (const offsets of await admin.fetchTopicOffsets(topic)) {
      const key = partitionKey(topic, offsets.partition);
      watermarks.set(key, { low: BigInt(offsets.low), high: BigInt(offsets.high) });
      targets.set(key, BigInt(offsets.high));
    }
  }
  for (const committed of await fetchGroupOffsets(admin, groupId, topics)) {
    for (const { partition, offset } of committed.partitions) {
      const key = partitionKey(committed.topic, partition);
      const marks = watermarks.get(key) ?? { low: 0n, high: 0n };
      const position = BigInt(offset);
      // No committed offset (-1): Kafka starts at the earliest or the latest offset.
      positions.set(key, position >= 0n ? position : fromBeginning ? marks.low : marks.high);
    }
  }
  return { targets, positions };
}

/** The group's committed offsets, for partitions that have one. */
export async function readCommittedOffsets(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<Map<string, bigint>> {
  const committedOffsets = new Map<string, bigint>();
  for (const committed of await fetchGroupOffsets(admin, groupId, topics)) {
    for (const { partition, offset } of committed.partitions) {
      const position = BigInt(offset);
      if (position >= 0n) committedOffsets.set(partitionKey(committed.topic, partition), position);
    }
  }
  return committedOffsets;
}

/**
 * The group's committed offsets. A broker that has just created or is still loading its offsets
 * topic answers "coordinator is loading" (a retriable error) for a few moments: wait it out.
 */
async function fetchGroupOffsets(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): ReturnType<Admin['fetchOffsets']> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchOffsets({ groupId, topics: [...topics] });
    } catch (error) {
      const retriable = (error as { retriable?: boolean } | undefined)?.retriable === true;
      if (!retriable || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, 1_000)));
    }
  }
}
