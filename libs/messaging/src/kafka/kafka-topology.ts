import { type Admin } from 'kafkajs';

export interface TopologyOptions {
  readonly topics: readonly string[];
  /** Every topic gets the same count: a scheduler's events then share one partition number. */
  readonly partitions: number;
  readonly replicationFactor: number;
}

/**
 * Creates missing topics and fails loudly when an existing topic has another partition count,
 * since keying by scheduler across topics only works when the counts agree.
 */
export async function ensureTopics(admin: Admin, options: TopologyOptions): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = options.topics.filter((topic) => !existing.has(topic));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: options.partitions,
        replicationFactor: options.replicationFactor,
      })),
    });
  }
  const metadata = await admin.fetchTopicMetadata({ topics: [...options.topics] });
  const mismatched = metadata.topics.filter((topic) => topic.partitions.length !== options.partitions);
  if (mismatched.length > 0) {
    const found = mismatched.map((topic) => `${topic.name}=${topic.partitions.length}`).join(', ');
    throw new Error(`topics must have ${options.partitions} partitions each; found ${found}`);
  }
}
