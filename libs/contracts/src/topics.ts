/**
 * The public Kafka topics. Every topic is keyed by scheduler name and all of them have the same
 * partition count, so the consumer that owns a partition owns every event of its schedulers.
 */
export const topics = {
  schedulerEvents: 'scheduler-events',
  roomEvents: 'room-events',
  roomPings: 'room-pings',
} as const;

export type Topic = (typeof topics)[keyof typeof topics];

export const allTopics: readonly Topic[] = Object.values(topics);
