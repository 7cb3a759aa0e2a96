import { type V1Pod } from '@kubernetes/client-node';
import { KubernetesClient } from '@maestro/k8s-runtime';
import {
  type AppProcess,
  createTestDatabase,
  eventually,
  request,
  startApp,
  type TestDatabase,
  testEnvironment,
} from '@maestro/testing';
import { randomBytes } from 'node:crypto';

/**
 * Room lifecycle and event-driven autoscaling over the real services: kwok pods run nothing, so a
 * background pinger speaks for every room, with the status the test gives it (ready by default).
 */
const credentials = 'studio:s3cret';
const authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
const pingTimeoutMs = 6_000;

interface Reported {
  status: 'ready' | 'occupied' | 'terminating' | 'terminated';
  runningMatches?: number;
}

interface SchedulerInfo {
  name: string;
  roomsReady: number;
  roomsOccupied: number;
}

describe('rooms and autoscaling: occupancy, fixed buffer, cooldown, expiry, transitions, multi-match', () => {
  const environment = testEnvironment();
  const kubernetes = KubernetesClient.fromKubeconfig(environment.kubeconfigPath);
  const suffix = randomBytes(3).toString('hex');
  const game = `autoscaling-${suffix}`;
  const namespaces = new Set<string>();
  /** What each room reports; `silent` rooms are not pinged. */
  const reports = new Map<string, Reported | 'silent'>();
  let database: TestDatabase;
  let managementApi: AppProcess;
  let roomsApi: AppProcess;
  let worker: AppProcess;
  const pinging = { on: true };
  let pinger: Promise<void> | undefined;

  const api = <T>(method: string, path: string, body?: unknown) =>
    request<T>(method, `${managementApi.url}${path}`, { headers: { authorization }, body });

  const livePods = async (namespace: string): Promise<V1Pod[]> => {
    const pods = await kubernetes.core
      .listNamespacedPod({ namespace })
      .catch(() => ({ items: [] as V1Pod[] }));
    return pods.items.filter((pod) => pod.metadata?.deletionTimestamp === undefined);
  };

  const pingForever = async (): Promise<void> => {
    while (pinging.on) {
      for (const namespace of namespaces) {
        for (const pod of await livePods(namespace)) {
          const roomId = pod.metadata?.name;
          if (!roomId || pod.status?.phase !== 'Running') continue;
          const report = reports.get(roomId) ?? { status: 'ready' };
          if (report === 'silent') continue;
          await request('PUT', `${roomsApi.url}/scheduler/${namespace}/rooms/${roomId}/ping`, {
            body: { ...report, timestamp: String(Date.now()) },
          }).catch(() => undefined);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  const info = async (name: string): Promise<SchedulerInfo> => {
    const response = await api<{ schedulers: SchedulerInfo[] }>('GET', `/schedulers/info?game=${game}`);
    const found = response.body.schedulers.find((scheduler) => scheduler.name === name);
    if (!found) throw new Error(`${name} not in info`);
    return found;
  };

  /**
   * Waits for the API's counts and for the pods to agree with them: the counts drop as soon as a
   * downscale marks its rooms, a moment before their pods are deleted, and a test that picked one
   * of those pods as "ready" would wait for a room that is going away.
   */
  const expectCounts = (name: string, ready: number, occupied: number, timeoutMs = 60_000) =>
    eventually(
      async () => {
        const current = await info(name);
        expect([current.roomsReady, current.roomsOccupied]).toEqual([ready, occupied]);
        expect(await livePods(name)).toHaveLength(ready + occupied);
      },
      { timeoutMs, intervalMs: 250, description: `${name} at (${ready} ready, ${occupied} occupied)` },
    );

  /** Rooms the pinger currently reports ready, by pod name. */
  const readyRooms = async (name: string) =>
    (await livePods(name))
      .map((pod) => pod.metadata?.name ?? '')
      .filter((roomId) => {
        const report = reports.get(roomId);
        return roomId !== '' && (report === undefined || (report !== 'silent' && report.status === 'ready'));
      });

  const create = async (name: string, extra: Record<string, unknown>) => {
    namespaces.add(name);
    const response = await api('POST', '/schedulers', {
      name,
      game,
      maxSurge: '1',
      roomsReplicas: 0,
      portRange: { start: 33000, end: 35000 },
      spec: {
        terminationGracePeriod: '5s',
        containers: [
          {
            name: 'game',
            image: 'game:1.0',
            imagePullPolicy: 'IfNotPresent',
            command: ['./run'],
            requests: { memory: '10Mi', cpu: '10m' },
            limits: { memory: '20Mi', cpu: '20m' },
            ports: [{ name: 'game', protocol: 'udp', port: 7777 }],
          },
        ],
      },
      ...extra,
    });
    expect(response.status).toBe(200);
  };

  const workerMetric = async (line: RegExp): Promise<number | undefined> => {
    const response = await fetch(`${worker.url}/metrics`);
    const text = await response.text();
    const match = text.split('\n').find((candidate) => line.test(candidate));
    return match === undefined ? undefined : Number(match.split(' ').at(-1));
  };

  beforeAll(async () => {
    database = await createTestDatabase('autoscaling');
    [managementApi, roomsApi, worker] = await Promise.all([
      startApp('management-api', { DATABASE_URL: database.url, MANAGEMENT_API_USERS: credentials }),
      startApp('room-ping-ingest', { KAFKA_BROKERS: environment.kafkaBrokers.join(',') }),
      startApp('worker', {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: environment.kafkaBrokers.join(','),
        KUBECONFIG: environment.kubeconfigPath,
        RECONCILE_INTERVAL_MS: '2000',
        KAFKA_CONSUMER_GROUP: `worker-autoscaling-${suffix}`,
        ROOM_PING_TIMEOUT_MS: String(pingTimeoutMs),
      }),
    ]);
    await eventually(
      async () => {
        expect((await request('GET', `${roomsApi.url}/readyz`)).status).toBe(200);
      },
      { timeoutMs: 120_000, intervalMs: 500, description: 'rooms API ready' },
    );
    pinger = pingForever();
  });

  afterAll(async () => {
    pinging.on = false;
    await pinger;
    await Promise.all([managementApi.stop(), roomsApi.stop(), worker.stop()]);
    for (const namespace of namespaces) {
      await kubernetes.core.deleteNamespace({ name: namespace }).catch(() => undefined);
    }
    await database.drop();
  });

  it('scales with roomOccupancy as rooms turn occupied: (1,1) → (2,2) → (4,4) → (2,8) → (0,10)', async () => {
    const name = `occupancy-${suffix}`;
    await create(name, {
      autoscaling: {
        enabled: true,
        min: 1,
        max: 10,
        cooldown: 0,
        policy: { type: 'roomOccupancy', parameters: { roomOccupancy: { readyTarget: 0.5 } } },
      },
    });
    await expectCounts(name, 1, 0);
    for (const [ready, occupied] of [
      [1, 1],
      [2, 2],
      [4, 4],
      [2, 8],
      [0, 10],
    ] as const) {
      for (const roomId of await readyRooms(name)) reports.set(roomId, { status: 'occupied' });
      await expectCounts(name, ready, occupied);
    }
    expect(await workerMetric(new RegExp(`^maestro_desired_rooms\\{.*scheduler="${name}"`))).toBe(10);
  });

  it('keeps a fixed buffer of ready rooms above the occupied ones', async () => {
    const name = `buffer-${suffix}`;
    await create(name, {
      autoscaling: {
        enabled: true,
        min: 1,
        max: 10,
        cooldown: 0,
        policy: { type: 'fixedBuffer', parameters: { fixedBuffer: { amount: 2 } } },
      },
    });
    await expectCounts(name, 2, 0);
    const [first] = await readyRooms(name);
    reports.set(first!, { status: 'occupied' });
    await expectCounts(name, 2, 1);
  });

  it('holds a downscale back until the cooldown ran out', async () => {
    const name = `cooldown-${suffix}`;
    const cooldownSeconds = 25;
    await create(name, {
      autoscaling: {
        enabled: true,
        min: 1,
        max: 10,
        cooldown: cooldownSeconds,
        policy: { type: 'fixedBuffer', parameters: { fixedBuffer: { amount: 1 } } },
      },
    });
    await expectCounts(name, 1, 0);
    // Two occupied rooms grow the scheduler to three; freeing them makes a downscale due.
    const occupyTwo = async () => {
      for (let taken = 0; taken < 2; taken++) {
        const [roomId] = await readyRooms(name);
        reports.set(roomId!, { status: 'occupied' });
        await expectCounts(name, 1, taken + 1);
      }
    };
    const freeAll = () => {
      for (const [roomId, report] of reports) {
        if (report !== 'silent' && report.status === 'occupied') reports.set(roomId, { status: 'ready' });
      }
    };
    await occupyTwo();
    freeAll();
    await expectCounts(name, 1, 0); // the first downscale is immediate, and starts the cooldown
    const firstDownscaleAt = Date.now();
    await occupyTwo();
    freeAll();
    await expectCounts(name, 3, 0);
    // Still within the cooldown: the three ready rooms stay.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    if (Date.now() - firstDownscaleAt < cooldownSeconds * 1_000)
      expect((await info(name)).roomsReady).toBe(3);
    await expectCounts(name, 1, 0, cooldownSeconds * 1_000 + 30_000);
  });

  it('replaces a room that stops pinging once the ping timeout passed', async () => {
    const name = `silent-${suffix}`;
    await create(name, { roomsReplicas: 2 });
    await expectCounts(name, 2, 0);
    const [silent] = await readyRooms(name);
    reports.set(silent!, 'silent');
    await eventually(
      async () => {
        const pods = (await livePods(name)).map((pod) => pod.metadata?.name);
        expect(pods).not.toContain(silent);
        expect(pods).toHaveLength(2);
      },
      { timeoutMs: pingTimeoutMs + 30_000, intervalMs: 300, description: 'the silent room replaced' },
    );
    await expectCounts(name, 2, 0);
  });

  it('ignores an invalid transition (ready → terminated) and follows the valid path through terminating', async () => {
    const name = `transitions-${suffix}`;
    await create(name, { roomsReplicas: 1 });
    await expectCounts(name, 1, 0);
    const [roomId] = await readyRooms(name);
    reports.set(roomId!, { status: 'terminated' });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await livePods(name)).map((pod) => pod.metadata?.name)).toEqual([roomId]);
    expect((await info(name)).roomsReady).toBe(1);

    reports.set(roomId!, { status: 'terminating' });
    await eventually(
      async () => {
        const response = await api<{ schedulers: { name: string; roomsTerminating: number }[] }>(
          'GET',
          `/schedulers/info?game=${game}`,
        );
        expect(response.body.schedulers.find((scheduler) => scheduler.name === name)?.roomsTerminating).toBe(
          1,
        );
      },
      { timeoutMs: 30_000, intervalMs: 200, description: 'room terminating' },
    );
    reports.set(roomId!, { status: 'terminated' });
    await eventually(
      async () => {
        const pods = (await livePods(name)).map((pod) => pod.metadata?.name);
        expect(pods).not.toContain(roomId);
        expect(pods).toHaveLength(1);
      },
      { timeoutMs: 30_000, intervalMs: 300, description: 'terminated room replaced' },
    );
  });

  it('reports multi-match rooms as active between no match and maxMatches', async () => {
    const name = `multimatch-${suffix}`;
    await create(name, { roomsReplicas: 1, matchAllocation: { maxMatches: 3 } });
    await expectCounts(name, 1, 0);
    const [roomId] = await readyRooms(name);
    const statusGauge = (status: string) =>
      workerMetric(
        new RegExp(
          `^maestro_rooms\\{.*scheduler="${name}".*status="${status}"|^maestro_rooms\\{.*status="${status}".*scheduler="${name}"`,
        ),
      );
    reports.set(roomId!, { status: 'occupied', runningMatches: 1 });
    await eventually(
      async () => {
        expect(await statusGauge('active')).toBe(1);
      },
      {
        timeoutMs: 30_000,
        intervalMs: 250,
        description: 'room active',
      },
    );
    reports.set(roomId!, { status: 'occupied', runningMatches: 3 });
    await eventually(
      async () => {
        expect(await statusGauge('occupied')).toBe(1);
      },
      {
        timeoutMs: 30_000,
        intervalMs: 250,
        description: 'room occupied at maxMatches',
      },
    );
    reports.set(roomId!, { status: 'ready', runningMatches: 0 });
    await expectCounts(name, 1, 0);
  });
});
