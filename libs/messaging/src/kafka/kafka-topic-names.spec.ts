import { allTopics, topics } from '@maestro/contracts';
import { deadLetterTopicOf } from '../subscription/dead-letter';
import { KafkaTopicNames, maxKafkaTopicNameLength, topicPrefixProblem } from './kafka-topic-names';

describe('KafkaTopicNames', () => {
  it('maps every name to itself without a prefix', () => {
    const names = new KafkaTopicNames();
    expect(allTopics.map((topic) => names.physical(topic))).toEqual([
      'scheduler-events',
      'room-events',
      'room-pings',
    ]);
    expect(names.logical('room-pings')).toBe('room-pings');
    expect(names.group('worker')).toBe('worker');
    expect(names.prefix).toBe('');
  });

  it('prefixes topics, dead-letter topics and groups, and strips the prefix on the way back', () => {
    const names = new KafkaTopicNames('bench-7.');
    expect(names.physical(topics.roomPings)).toBe('bench-7.room-pings');
    expect(names.physical(deadLetterTopicOf(topics.roomEvents))).toBe('bench-7.room-events.dead-letter');
    // The dead-letter topic the subscriber derives from a physical topic is the same name.
    expect(deadLetterTopicOf(names.physical(topics.roomEvents))).toBe(
      names.physical(deadLetterTopicOf(topics.roomEvents)),
    );
    expect(names.group('worker')).toBe('bench-7.worker');
    expect(names.logical('bench-7.room-pings')).toBe(topics.roomPings);
    expect(names.logical(names.physical(topics.schedulerEvents))).toBe(topics.schedulerEvents);
  });

  it('refuses to map back a topic of another installation', () => {
    expect(() => new KafkaTopicNames('a.').logical('b.room-pings')).toThrow(
      /does not start with the prefix "a\."/,
    );
  });

  it('refuses a prefix Kafka would refuse in a topic name', () => {
    for (const prefix of ['tests/', 'my prefix', 'é-', 'a:b']) {
      expect(() => new KafkaTopicNames(prefix)).toThrow(RangeError);
      expect(topicPrefixProblem(prefix)).toMatch(/only letters, digits/);
    }
    expect(topicPrefixProblem('Bench_1.run-2.')).toBeUndefined();
  });

  it("accepts the longest prefix that keeps every topic name within Kafka's limit, and no longer", () => {
    const longestTopic = 'scheduler-events.dead-letter';
    const longest = 'p'.repeat(maxKafkaTopicNameLength - longestTopic.length);
    expect(topicPrefixProblem(longest)).toBeUndefined();
    expect(new KafkaTopicNames(longest).physical(longestTopic)).toHaveLength(maxKafkaTopicNameLength);
    expect(topicPrefixProblem(`${longest}p`)).toMatch(/at most 221 characters/);
    expect(() => new KafkaTopicNames(`${longest}p`)).toThrow(RangeError);
  });
});
