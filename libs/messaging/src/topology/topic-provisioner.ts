import { type TopologyOptions } from '../kafka/kafka-topology';

/**
 * Sets up what the bus needs before services use it: topics (Kafka creates them with the same
 * partition count everywhere) and, when a consumer group will never come back, its removal. The
 * in-process bus needs neither, so services that provision topics work on both buses.
 */
export abstract class TopicProvisioner {
  /** Resolves once every topic exists as `options` says; rejects while the bus cannot tell. */
  abstract ensureTopics(options: TopologyOptions): Promise<void>;

  /** Forgets a consumer group that left for good (Kafka would keep its offsets otherwise). */
  abstract deleteGroup(groupId: string): Promise<void>;
}
