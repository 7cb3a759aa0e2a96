import { type Admin, type ITopicConfig } from 'kafkajs';
import { deadLetterTopicOf, isDeadLetterTopic } from '../subscription/dead-letter';

export interface TopologyOptions {
  readonly topics: readonly string[];
  /** Every topic gets the same count: a scheduler's events then share one partition number. */
  readonly partitions: number;
  readonly replicationFactor: number;
}

/**
 * Creates missing topics and fails loudly when an existing topic has another partition count,
 * since keying by scheduler across topics only works when the counts agree. Like everything in this
 * file, it takes names as they are on the cluster: `KafkaTopicProvisioner` applies the topic prefix.
 */
export async function ensureTopics(admin: Admin, options: TopologyOptions): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = options.topics.filter((topic) => !existing.has(topic));
  await createTopics(
    admin,
    missing.map((topic) => ({
      topic,
      numPartitions: options.partitions,
      replicationFactor: options.replicationFactor,
    })),
  );
  const metadata = await admin.fetchTopicMetadata({ topics: [...options.topics] });
  const mismatched = metadata.topics.filter((topic) => topic.partitions.length !== options.partitions);
  if (mismatched.length > 0) {
    const found = mismatched.map((topic) => `${topic.name}=${topic.partitions.length}`).join(', ');
    throw new Error(`topics must have ${options.partitions} partitions each; found ${found}`);
  }
}

/**
 * Creates `<topic>.dead-letter` for each topic that lacks one, with the topic's partition count and
 * the broker's default replication. Topics that are themselves dead-letter topics get none.
 */
export async function ensureDeadLetterTopics(admin: Admin, topics: readonly string[]): Promise<void> {
  const sources = topics.filter((topic) => !isDeadLetterTopic(topic));
  if (sources.length === 0) return;
  const existing = new Set(await admin.listTopics());
  const missing = sources.filter((topic) => !existing.has(deadLetterTopicOf(topic)));
  if (missing.length === 0) return;
  const metadata = await admin.fetchTopicMetadata({ topics: missing });
  await createTopics(
    admin,
    metadata.topics.map((topic) => ({
      topic: deadLetterTopicOf(topic.name),
      numPartitions: topic.partitions.length,
    })),
  );
}

const topicsServedTimeoutMs = 15_000;
const notServedYet = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * Creates topics (a topic created meanwhile by someone else is fine) and waits until the broker
 * serves them. kafkajs' own wait gives up when a KRaft broker briefly answers "unknown topic" right
 * after the controller created it, and a consumer started in that window fails.
 */
async function createTopics(admin: Admin, topics: readonly ITopicConfig[]): Promise<void> {
  if (topics.length === 0) return;
  await admin.createTopics({ waitForLeaders: false, topics: [...topics] });
  const names = topics.map((topic) => topic.topic);
  const deadline = Date.now() + topicsServedTimeoutMs;
  for (let delayMs = 50; ; delayMs = Math.min(delayMs * 2, 1_000)) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: names });
      const served = metadata.topics.every(
        (topic) =>
          topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
      );
      if (served) return;
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (type === undefined || !notServedYet.has(type) || Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`topics not served within ${topicsServedTimeoutMs} ms: ${names.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
