import { TopicProvisioner } from '../topology/topic-provisioner';
import { type KafkaConnection } from './kafka-connection';
import { ensureTopics, type TopologyOptions } from './kafka-topology';

/** Topics and groups (logical names, prefixed here) through the admin client of the service's connection. */
export class KafkaTopicProvisioner extends TopicProvisioner {
  constructor(private readonly connection: KafkaConnection) {
    super();
  }

  async ensureTopics(options: TopologyOptions): Promise<void> {
    const { names } = this.connection;
    await ensureTopics(await this.connection.connectedAdmin(), {
      ...options,
      topics: options.topics.map((topic) => names.physical(topic)),
    });
  }

  async deleteGroup(groupId: string): Promise<void> {
    await (await this.connection.connectedAdmin()).deleteGroups([this.connection.names.group(groupId)]);
  }
}
