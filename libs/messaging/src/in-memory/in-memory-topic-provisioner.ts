import { type TopologyOptions } from '../kafka/kafka-topology';
import { TopicProvisioner } from '../topology/topic-provisioner';

/**
 * The in-process bus makes a topic on first use, with the partition count it was built with, and
 * its groups vanish with the process: nothing to provision.
 */
export class InMemoryTopicProvisioner extends TopicProvisioner {
  ensureTopics(_options: TopologyOptions): Promise<void> {
    return Promise.resolve();
  }

  deleteGroup(_groupId: string): Promise<void> {
    return Promise.resolve();
  }
}
