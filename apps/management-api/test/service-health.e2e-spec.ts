import {
  type AppProcess,
  createTestDatabase,
  expectServiceReady,
  expectServiceUnready,
  startApp,
  type TestDatabase,
} from '@maestro/testing';

describe('management-api as a process', () => {
  let database: TestDatabase;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('mgmt_e2e');
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await database.drop();
  });

  it('becomes ready once Postgres answers, serves metrics, logs JSON and stops cleanly on SIGTERM', async () => {
    const app = await startApp('management-api', {
      DATABASE_URL: database.url,
      MANAGEMENT_API_USERS: 'studio:s3cret',
    });
    apps.push(app);
    await expectServiceReady(app.url, ['postgres']);
    expect(
      app.logs.every((line) => line.service === 'management-api' && typeof line.level === 'string'),
    ).toBe(true);
    expect(await app.stop()).toBe(0);
  });

  it('stays alive but unready while its database is unreachable', async () => {
    const app = await startApp('management-api', {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
      MANAGEMENT_API_USERS: 'studio:s3cret',
    });
    apps.push(app);
    const readiness = await expectServiceUnready(app.url, 'postgres');
    expect(readiness.checks.postgres).toBe('database not connected');
  });
});
