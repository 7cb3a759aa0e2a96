import { z } from 'zod';
import { databaseUrlSetting, kafkaBrokersSetting, portSetting } from './common-settings';
import { ConfigError, parseConfig } from './parse-config';

const schema = z.object({
  PORT: portSetting(8080),
  DATABASE_URL: databaseUrlSetting,
  KAFKA_BROKERS: kafkaBrokersSetting,
});

describe('parseConfig', () => {
  it('applies defaults and converts values', () => {
    expect(
      parseConfig(schema, {
        DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
        KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
      }),
    ).toEqual({
      PORT: 8080,
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
      KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.1:9093'],
    });
  });

  it('names every invalid or missing setting in one error', () => {
    let error: unknown;
    try {
      parseConfig(schema, { PORT: 'eighty', DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'nohost' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(problems.join('\n')).toMatch(/KAFKA_BROKERS/);
  });
});
