import { allTopics } from '@maestro/contracts';
import { deadLetterTopicOf } from '../subscription/dead-letter';

/** Kafka refuses longer topic names. */
export const maxKafkaTopicNameLength = 249;

const kafkaTopicCharacters = /^[a-zA-Z0-9._-]*$/;

/** The longest topic name Maestro uses on its own: a public topic's dead-letter topic. */
const longestMaestroTopic = Math.max(...allTopics.map((topic) => deadLetterTopicOf(topic).length));

/** Why `prefix` cannot prefix Maestro's topic names on Kafka, or undefined when it can. */
export function topicPrefixProblem(prefix: string): string | undefined {
  if (!kafkaTopicCharacters.test(prefix)) return "may contain only letters, digits, '.', '_' and '-'";
  const room = maxKafkaTopicNameLength - longestMaestroTopic;
  if (prefix.length > room)
    return `must be at most ${String(room)} characters, so that every topic name stays within Kafka's ${String(maxKafkaTopicNameLength)}`;
  return undefined;
}

/**
 * Where one installation's topics and consumer groups are on a cluster that several share: the
 * physical name of a topic or group is `<prefix><name>`. Apps and the application layer only know the
 * logical names (libs/contracts' `topics`); the Kafka adapters map them at the wire, both ways. The
 * empty prefix maps every name to itself.
 */
export class KafkaTopicNames {
  constructor(readonly prefix = '') {
    const problem = topicPrefixProblem(prefix);
    if (problem) throw new RangeError(`Kafka topic prefix "${prefix}" ${problem}`);
  }

  /** The topic on the cluster of a logical topic (dead-letter topics included). */
  physical(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  /** The logical topic of a topic on the cluster; only this installation's topics have one. */
  logical(physicalTopic: string): string {
    if (!physicalTopic.startsWith(this.prefix))
      throw new RangeError(`topic "${physicalTopic}" does not start with the prefix "${this.prefix}"`);
    return physicalTopic.slice(this.prefix.length);
  }

  /**
   * The consumer group on the cluster: prefixed too, so installations that use the same group name
   * (the worker's default `worker`) neither rebalance together nor delete each other's offsets.
   */
  group(groupId: string): string {
    return `${this.prefix}${groupId}`;
  }
}
