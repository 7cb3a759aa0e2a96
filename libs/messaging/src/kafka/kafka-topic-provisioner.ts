import { TopicProvisioner } from '../topology/topic-provisioner';
import { type KafkaConnection } from './kafka-connection';
import { ensureTopics, type TopologyOptions } from './kafka-topology';

/** Topics and groups through the Kafka admin client of the service's connection. */
export class KafkaTopicProvisioner extends TopicProvisioner {
  constructor(private readonly connection: KafkaConnection) {
    super();
  }

  async ensureTopics(options: TopologyOptions): Promise<void> {
    await ensureTopics(await this.connection.connectedAdmin(), options);
  }

  async deleteGroup(groupId: string): Promise<void> {
    await (await this.connection.connectedAdmin()).deleteGroups([groupId]);
  }
}
