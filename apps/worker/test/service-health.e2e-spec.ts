import {
  type AppProcess,
  createTestDatabase,
  expectServiceReady,
  startApp,
  type TestDatabase,
  testEnvironment,
} from '@maestro/testing';

describe('worker as a process', () => {
  let database: TestDatabase;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('worker_e2e');
  });

  afterAll(async () => {
    await app?.stop();
    await database.drop();
  });

  it('becomes ready once Postgres, Kafka and the Kubernetes API answer and its state is restored, and stops cleanly', async () => {
    const environment = testEnvironment();
    app = await startApp('worker', {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: environment.kafkaBrokers.join(','),
      KUBECONFIG: environment.kubeconfigPath,
      KAFKA_CONSUMER_GROUP: `worker-health-${database.name}`,
    });
    await expectServiceReady(app.url, ['postgres', 'kafka', 'kubernetes', 'fleet', 'forwarding']);
    expect(await app.stop()).toBe(0);
  });
});
