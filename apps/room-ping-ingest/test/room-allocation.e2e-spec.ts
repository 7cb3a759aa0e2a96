import { openDatabase } from '@maestro/persistence';
import {
  type AppProcess,
  createTestDatabase,
  eventually,
  expectServiceReady,
  request,
  startApp,
  type TestDatabase,
  testEnvironment,
} from '@maestro/testing';
import { type DataSource } from 'typeorm';
import { seedRooms } from '../src/allocation/room-seeding.fixture';

interface AllocateAnswer {
  readonly roomId?: string;
  readonly code?: number;
  readonly message?: string;
}

const readinessChecks = ['kafka', 'topics', 'known-rooms'];
const scheduler = 'arena';
const rooms = 12;

describe('rooms API allocate (room-ping-ingest processes, real Postgres and Kafka)', () => {
  const apps: AppProcess[] = [];
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('allocation_e2e');
    dataSource = await openDatabase({ url: database.url, poolSize: 2 });
    await seedRooms(
      dataSource,
      Array.from({ length: rooms }, (_, index) => ({
        schedulerName: scheduler,
        roomId: `arena-${String(index).padStart(2, '0')}`,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
        ports: [{ name: 'game', protocol: 'udp' as const, hostPort: 30_000 + index }],
        host: `node-${index % 2}.example`,
      })),
    );
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await dataSource.destroy();
    await database.drop();
  });

  async function startRoomsApi(env: Record<string, string> = {}): Promise<AppProcess> {
    const app = await startApp('room-ping-ingest', {
      KAFKA_BROKERS: testEnvironment().kafkaBrokers.join(','),
      ...env,
    });
    apps.push(app);
    // The database is not a readiness check: pings do not need it.
    await expectServiceReady(app.url, readinessChecks);
    return app;
  }

  const allocate = (app: AppProcess) =>
    request<AllocateAnswer>('POST', `${app.url}/scheduler/${scheduler}/rooms/allocate`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '{}',
    });

  it('hands every ready room out once across two instances and 16 concurrent clients, then answers 500', async () => {
    const instances = [
      await startRoomsApi({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4' }),
      await startRoomsApi({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4' }),
    ];
    // Each instance connects and migrates in the background; until then the route answers 503.
    for (const instance of instances) {
      await eventually(
        async () => {
          const response = await request('POST', `${instance.url}/scheduler/nobody/rooms/allocate`);
          if (response.status === 503) throw new Error(response.text);
        },
        { timeoutMs: 30_000, intervalMs: 100, description: 'allocation available' },
      );
    }
    const clients = Array.from({ length: 16 }, async (_, client) => {
      const instance = instances[client % instances.length]!;
      const handedOut: AllocateAnswer[] = [];
      for (;;) {
        const response = await allocate(instance);
        if (response.status !== 200) return { handedOut, refusal: response };
        handedOut.push(response.body);
      }
    });
    const outcomes = await Promise.all(clients);
    const roomIds = outcomes.flatMap(({ handedOut }) => handedOut.map((answer) => answer.roomId));
    expect(roomIds).toHaveLength(rooms);
    expect(new Set(roomIds).size).toBe(rooms);
    expect(outcomes.map(({ refusal }) => ({ status: refusal.status, body: refusal.body }))).toEqual(
      Array.from({ length: 16 }, () => ({
        status: 500,
        body: { code: 2, message: `no ready rooms available for scheduler ${scheduler}`, details: [] },
      })),
    );
    const statuses = await dataSource.query<{ status: string; n: number }[]>(
      'SELECT status, count(*)::int AS n FROM rooms WHERE scheduler_name = $1 GROUP BY status',
      [scheduler],
    );
    expect(statuses).toEqual([{ status: 'allocated', n: rooms }]);
  });

  it("answers the oldest room's host ports and address in Maestro's body", async () => {
    // The worker saw the oldest room's match end: it is ready again, after its allocation.
    await dataSource.query(
      "UPDATE rooms SET status = 'ready', updated_at = now() WHERE scheduler_name = $1 AND room_id = 'arena-00'",
      [scheduler],
    );
    const app = apps[0]!;
    const response = await allocate(app);
    expect({ status: response.status, body: response.body }).toEqual({
      status: 200,
      body: {
        roomId: 'arena-00',
        success: true,
        message: '',
        ports: [{ name: 'game', protocol: 'UDP', port: 30_000 }],
        host: 'node-0.example',
      },
    });
  });

  it('answers 503 with code 14 when started without DATABASE_URL, while the service reports ready', async () => {
    const app = await startRoomsApi();
    const response = await allocate(app);
    expect({ status: response.status, body: response.body }).toEqual({
      status: 503,
      body: {
        code: 14,
        message: 'room allocation needs a database: start the rooms API with DATABASE_URL',
        details: [],
      },
    });
  });
});
