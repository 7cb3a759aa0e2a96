export { KafkaConnection, type KafkaConnectionOptions } from './kafka/kafka-connection';
export { KafkaTopicNames, maxKafkaTopicNameLength, topicPrefixProblem } from './kafka/kafka-topic-names';
export { ensureDeadLetterTopics, ensureTopics, type TopologyOptions } from './kafka/kafka-topology';
export { KafkaReadinessCheck } from './kafka/kafka.readiness-check';
export { KafkaMessagePublisher } from './kafka/kafka-message-publisher.adapter';
export {
  KafkaMessageSubscriber,
  type KafkaSubscriberOptions,
} from './kafka/kafka-message-subscriber.adapter';
export { coPartitionedAssigner } from './kafka/co-partitioned-assigner';
export {
  InMemoryMessageBus,
  type InMemoryMessageBusOptions,
} from './in-memory/in-memory-message-bus.adapter';
export { partitionForKey } from './partitioning/partition-for-key';
export { type CatchUpSubscription, isCatchUpSubscription } from './subscription/catch-up-subscription';
export { deadLetterHeaders, deadLetterTopicOf, isDeadLetterTopic } from './subscription/dead-letter';
export { defaultRetryPolicy, type RetryPolicy } from './subscription/retry-policy';
export { type MessagingLog, silentLog } from './messaging-log';
export { MessagingModule, type InMemoryMessagingOptions, type MessagingOptions } from './messaging.module';
export { TopicProvisioner } from './topology/topic-provisioner';
export { KafkaTopicProvisioner } from './kafka/kafka-topic-provisioner';
export { InMemoryTopicProvisioner } from './in-memory/in-memory-topic-provisioner';
