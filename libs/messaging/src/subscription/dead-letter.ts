/** Suffix of the topic where a topic's undeliverable messages go. */
const deadLetterSuffix = '.dead-letter';

/** The dead-letter topic of a topic: `<topic>.dead-letter`. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}${deadLetterSuffix}`;
}

export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(deadLetterSuffix);
}

/**
 * Headers a dead-lettered Kafka message carries besides its original ones, so whoever inspects the
 * dead-letter topic knows why and where from.
 */
export const deadLetterHeaders = {
  error: 'dead-letter-error',
  topic: 'dead-letter-topic',
  partition: 'dead-letter-partition',
  offset: 'dead-letter-offset',
  groupId: 'dead-letter-group-id',
} as const;
