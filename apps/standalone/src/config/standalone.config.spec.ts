import { ConfigError } from '@maestro/config';
import { join } from 'node:path';
import { parseServiceConfigs } from './service-configs';
import { parseStandaloneSettings } from './standalone.config';

describe('parseStandaloneSettings', () => {
  it('embeds every part by default, with data in ./.maestro and the template cache under HOME', () => {
    const settings = parseStandaloneSettings({ HOME: '/home/dev' });
    expect(settings.DATABASE_URL).toBeUndefined();
    expect(settings.KAFKA_BROKERS).toBeUndefined();
    expect(settings).toMatchObject({
      RUNTIME: 'process',
      EMBEDDED_DATABASE: 'directory',
      dataDir: join(process.cwd(), '.maestro'),
      cacheDir: '/home/dev/.cache/maestro',
      ROOM_STOP_TIMEOUT_MS: 10_000,
    });
  });

  it('takes the real services when configured', () => {
    const settings = parseStandaloneSettings({
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/maestro',
      KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
      RUNTIME: 'kubernetes',
      XDG_CACHE_HOME: '/cache',
    });
    expect(settings).toMatchObject({
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/maestro',
      KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.1:9093'],
      RUNTIME: 'kubernetes',
      cacheDir: '/cache/maestro',
    });
  });

  it('names every invalid setting', () => {
    expect(() => parseStandaloneSettings({ RUNTIME: 'docker', EMBEDDED_DATABASE: 'tape' })).toThrow(
      /RUNTIME[\s\S]*EMBEDDED_DATABASE/,
    );
  });
});

describe('parseServiceConfigs', () => {
  it('gives each service the port of its own variable, whatever PORT says', () => {
    const configs = parseServiceConfigs({
      PORT: '9999',
      MANAGEMENT_API_PORT: '18080',
      ROOMS_API_PORT: '18070',
      MANAGEMENT_API_USERS: 'dev:secret',
    });
    expect([configs.managementApi.PORT, configs.roomsApi.PORT, configs.worker.PORT]).toEqual([
      18080, 18070, 8081,
    ]);
    expect(configs.managementApi.MANAGEMENT_API_USERS).toEqual([{ user: 'dev', password: 'secret' }]);
  });

  it('gives the rooms API and the worker the same KAFKA_TOPIC_PREFIX, and refuses a bad one for both', () => {
    const configs = parseServiceConfigs({ KAFKA_TOPIC_PREFIX: 'ci-42.', MANAGEMENT_API_USERS: 'dev:secret' });
    expect([configs.roomsApi.KAFKA_TOPIC_PREFIX, configs.worker.KAFKA_TOPIC_PREFIX]).toEqual([
      'ci-42.',
      'ci-42.',
    ]);
    expect(parseServiceConfigs({ MANAGEMENT_API_USERS: 'dev:secret' }).worker.KAFKA_TOPIC_PREFIX).toBe('');

    let error: unknown;
    try {
      parseServiceConfigs({ KAFKA_TOPIC_PREFIX: 'ci/42', MANAGEMENT_API_USERS: 'dev:secret' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^room-ping-ingest: KAFKA_TOPIC_PREFIX: may contain only letters, digits/),
      expect.stringMatching(/^worker: KAFKA_TOPIC_PREFIX: may contain only letters, digits/),
    ]);
  });

  it('names the service of every problem at once', () => {
    let error: unknown;
    try {
      parseServiceConfigs({
        MANAGEMENT_API_PORT: 'eighty',
        WORKER_PORT: '-1',
        MANAGEMENT_API_USERS: 'dev:secret',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^management-api: PORT/),
      expect.stringMatching(/^worker: PORT/),
    ]);
  });
});
