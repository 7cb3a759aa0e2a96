export { KafkaConnection, type KafkaConnectionOptions } from './kafka/kafka-connection';
export { ensureTopics, type TopologyOptions } from './kafka/kafka-topology';
export { KafkaReadinessCheck } from './kafka/kafka.readiness-check';
export { MessagingModule, type MessagingOptions } from './messaging.module';
