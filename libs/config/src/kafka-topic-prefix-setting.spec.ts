import { z } from 'zod';
import { kafkaTopicPrefixSetting } from './common-settings';
import { ConfigError, parseConfig } from './parse-config';

const schema = z.object({ KAFKA_TOPIC_PREFIX: kafkaTopicPrefixSetting });

describe('kafkaTopicPrefixSetting', () => {
  it('is empty by default and keeps a prefix of Kafka topic characters as it is', () => {
    expect(parseConfig(schema, {})).toEqual({ KAFKA_TOPIC_PREFIX: '' });
    expect(parseConfig(schema, { KAFKA_TOPIC_PREFIX: 'bench_2.Run-1.' })).toEqual({
      KAFKA_TOPIC_PREFIX: 'bench_2.Run-1.',
    });
  });

  it.each(['tests/', 'my prefix.', 'préfixe-', 'a:b'])('refuses %j, naming the setting', (prefix) => {
    expect(() => parseConfig(schema, { KAFKA_TOPIC_PREFIX: prefix })).toThrow(ConfigError);
    expect(() => parseConfig(schema, { KAFKA_TOPIC_PREFIX: prefix })).toThrow(
      /KAFKA_TOPIC_PREFIX: may contain only letters, digits/,
    );
  });

  it('refuses a prefix that would make topic names longer than Kafka allows', () => {
    expect(parseConfig(schema, { KAFKA_TOPIC_PREFIX: 'p'.repeat(200) }).KAFKA_TOPIC_PREFIX).toHaveLength(200);
    expect(() => parseConfig(schema, { KAFKA_TOPIC_PREFIX: 'p'.repeat(201) })).toThrow(
      /KAFKA_TOPIC_PREFIX: must be at most 200 characters/,
    );
  });
});
