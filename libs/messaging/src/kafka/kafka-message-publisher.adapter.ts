import { MessagePublisher, type OutgoingMessage } from '@maestro/application';
import { type Message } from 'kafkajs';
import { encodeMessage } from './kafka-message-codec';
import { type KafkaConnection } from './kafka-connection';

/**
 * Publishes through the service's idempotent producer. One `sendBatch` carries every message, grouped
 * per topic, and resolves once every in-sync replica has them (`acks: -1`). Errors reach the caller,
 * which decides whether to retry (the outbox relay does) or fail the request (the ping path does).
 */
export class KafkaMessagePublisher extends MessagePublisher {
  constructor(private readonly connection: KafkaConnection) {
    super();
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const message of messages) {
      const topic = this.connection.names.physical(message.topic);
      const topicMessages = byTopic.get(topic) ?? [];
      topicMessages.push(encodeMessage(message));
      byTopic.set(topic, topicMessages);
    }
    const producer = await this.connection.connectedProducer();
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, topicMessages]) => ({ topic, messages: topicMessages })),
    });
  }
}
