import { allTopics } from '@maestro/contracts';
import { deadLetterTopicOf, ensureTopics, KafkaConnection } from '@maestro/messaging';
import { testEnvironment } from '@maestro/testing';
import { randomBytes } from 'node:crypto';

/**
 * A benchmark run's own Kafka topics and consumer groups: the services it starts get
 * `KAFKA_TOPIC_PREFIX`, its own clients the same prefix, so the run neither reads the history that
 * tests and earlier runs left on the shared topics nor leaves its pings there. Deleted at the end.
 */
export class RunTopics {
  readonly prefix: string;
  readonly connection: KafkaConnection;

  private constructor(clientId: string) {
    this.prefix = `bench-${randomBytes(4).toString('hex')}.`;
    this.connection = new KafkaConnection({
      brokers: testEnvironment().kafkaBrokers,
      clientId,
      topicPrefix: this.prefix,
    });
  }

  /** Creates the public topics under a fresh prefix, as the services would (6 partitions). */
  static async create(clientId: string, partitions = 6): Promise<RunTopics> {
    const run = new RunTopics(clientId);
    await ensureTopics(await run.connection.connectedAdmin(), {
      topics: allTopics.map((topic) => run.connection.names.physical(topic)),
      partitions,
      replicationFactor: 1,
    });
    return run;
  }

  /** The settings a service started by the run needs to use the run's topics. */
  get serviceEnv(): Record<string, string> {
    return { KAFKA_BROKERS: testEnvironment().kafkaBrokers.join(','), KAFKA_TOPIC_PREFIX: this.prefix };
  }

  /** The cluster name of one of the public topics in this run. */
  physical(topic: string): string {
    return this.connection.names.physical(topic);
  }

  /** Deletes the run's topics (dead-letter ones included) and consumer groups, then disconnects. */
  async delete(): Promise<void> {
    try {
      const admin = await this.connection.connectedAdmin();
      const existing = new Set(await admin.listTopics());
      const topics = allTopics
        .flatMap((topic) => [this.physical(topic), this.physical(deadLetterTopicOf(topic))])
        .filter((topic) => existing.has(topic));
      if (topics.length > 0) await admin.deleteTopics({ topics });
      const { groups } = await admin.listGroups();
      const ours = groups.map((group) => group.groupId).filter((id) => id.startsWith(this.prefix));
      if (ours.length > 0) await admin.deleteGroups(ours);
    } finally {
      await this.connection.close();
    }
  }
}
