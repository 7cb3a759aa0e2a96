import {
  type AppProcess,
  expectServiceReady,
  expectServiceUnready,
  startApp,
  testEnvironment,
} from '@maestro/testing';

describe('room-ping-ingest as a process', () => {
  const apps: AppProcess[] = [];

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
  });

  it('becomes ready once Kafka answers, the topics exist and the known rooms caught up, and stops cleanly on SIGTERM', async () => {
    const app = await startApp('room-ping-ingest', {
      KAFKA_BROKERS: testEnvironment().kafkaBrokers.join(','),
    });
    apps.push(app);
    await expectServiceReady(app.url, ['kafka', 'topics', 'known-rooms']);
    expect(await app.stop()).toBe(0);
  });

  it('stays alive but unready while no Kafka broker answers', async () => {
    const app = await startApp('room-ping-ingest', { KAFKA_BROKERS: '127.0.0.1:1' });
    apps.push(app);
    await expectServiceUnready(app.url, 'kafka');
  });
});
