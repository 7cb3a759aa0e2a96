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
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

/**
 * Maestro's "Getting Started" as a studio runs it, with the three services as separate processes
 * over the real Postgres, Kafka and Kubernetes API of tools/testenv. kwok pods run no process, so
 * the test pings on the rooms' behalf.
 */
const repoRoot = resolve(__dirname, '../../..');
const credentials = { user: 'studio', password: 's3cret' };
const authorization = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;

interface SchedulerInfo {
  name: string;
  roomsReady: number;
  roomsOccupied: number;
  roomsPending: number;
  roomsTerminating: number;
}

describe('getting started: scheduler → rooms on Kubernetes → pings → info', () => {
  const environment = testEnvironment();
  const kubernetes = KubernetesClient.fromKubeconfig(environment.kubeconfigPath);
  const schedulerName = `gs-${randomBytes(3).toString('hex')}`;
  const game = `game-${schedulerName}`;
  let database: TestDatabase;
  let managementApi: AppProcess;
  let roomsApi: AppProcess;
  let worker: AppProcess;

  const workerEnv = (): Record<string, string> => ({
    DATABASE_URL: database.url,
    KAFKA_BROKERS: environment.kafkaBrokers.join(','),
    KUBECONFIG: environment.kubeconfigPath,
    RECONCILE_INTERVAL_MS: '2000',
    // Its own consumer group, so no other worker on the shared broker takes its partitions.
    KAFKA_CONSUMER_GROUP: `worker-${schedulerName}`,
  });

  const runningPods = async (): Promise<V1Pod[]> => {
    const pods = await kubernetes.core.listNamespacedPod({ namespace: schedulerName });
    return pods.items.filter((pod) => pod.metadata?.deletionTimestamp === undefined);
  };

  const ping = (roomId: string, status: string) =>
    request<{ success: boolean }>('PUT', `${roomsApi.url}/scheduler/${schedulerName}/rooms/${roomId}/ping`, {
      body: { status, timestamp: String(Date.now()) },
    });

  const info = async (): Promise<SchedulerInfo> => {
    const response = await request<{ schedulers: SchedulerInfo[] }>(
      'GET',
      `${managementApi.url}/schedulers/info?game=${game}`,
      { headers: { authorization } },
    );
    expect(response.status).toBe(200);
    const [scheduler] = response.body.schedulers;
    if (!scheduler) throw new Error('scheduler not listed in info yet');
    return scheduler;
  };

  /** Pings until the rooms API accepts (it learns new rooms from the room-events topic). */
  const pingAccepted = (roomId: string, status: string) =>
    eventually(
      async () => {
        const response = await ping(roomId, status);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ success: true });
      },
      { timeoutMs: 30_000, intervalMs: 200, description: `${status} ping of ${roomId} accepted` },
    );

  beforeAll(async () => {
    database = await createTestDatabase('getting_started');
    [managementApi, roomsApi, worker] = await Promise.all([
      startApp('management-api', {
        DATABASE_URL: database.url,
        MANAGEMENT_API_USERS: `${credentials.user}:${credentials.password}`,
      }),
      startApp('room-ping-ingest', { KAFKA_BROKERS: environment.kafkaBrokers.join(',') }),
      startApp('worker', workerEnv()),
    ]);
  });

  afterAll(async () => {
    await Promise.all([managementApi.stop(), roomsApi.stop(), worker.stop()]);
    await kubernetes.core.deleteNamespace({ name: schedulerName }).catch(() => undefined);
    await database.drop();
  });

  it('creates the scheduler with Basic auth and gets three Running pods with the right env, ports and resources', async () => {
    const created = await request('POST', `${managementApi.url}/schedulers`, {
      headers: { authorization },
      body: {
        name: schedulerName,
        game,
        roomsReplicas: 3,
        portRange: { start: 20000, end: 21000 },
        maxSurge: '10%',
        spec: {
          terminationGracePeriod: '100s',
          containers: [
            {
              name: 'game-container',
              image: 'my-game:1.0',
              imagePullPolicy: 'IfNotPresent',
              command: ['./run-server'],
              environment: [{ name: 'EXAMPLE_NAME', value: 'EXAMPLE_VALUE' }],
              requests: { memory: '100Mi', cpu: '100m' },
              limits: { memory: '200Mi', cpu: '200m' },
              ports: [{ name: 'port-name', protocol: 'tcp', port: 12345 }],
            },
          ],
        },
        forwarders: [],
      },
    });
    expect(created.status).toBe(200);

    const pods = await eventually(
      async () => {
        const current = await runningPods();
        expect(current.map((pod) => pod.status?.phase)).toEqual(['Running', 'Running', 'Running']);
        return current;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'three Running pods' },
    );

    const hostPorts = new Set<number>();
    for (const pod of pods) {
      const container = pod.spec!.containers[0]!;
      expect(container.image).toBe('my-game:1.0');
      expect(container.command).toEqual(['./run-server']);
      expect(container.env).toEqual([
        { name: 'EXAMPLE_NAME', value: 'EXAMPLE_VALUE' },
        { name: 'MAESTRO_SCHEDULER_NAME', value: schedulerName },
        { name: 'MAESTRO_ROOM_ID', value: pod.metadata!.name },
      ]);
      expect(container.resources).toEqual({
        requests: { memory: '100Mi', cpu: '100m' },
        limits: { memory: '200Mi', cpu: '200m' },
      });
      expect(pod.spec!.terminationGracePeriodSeconds).toBe(100);
      const port = container.ports![0]!;
      expect(port.containerPort).toBe(12345);
      expect(port.hostPort).toBeGreaterThanOrEqual(20000);
      expect(port.hostPort).toBeLessThanOrEqual(21000);
      hostPorts.add(port.hostPort!);
    }
    expect(hostPorts.size).toBe(3);
  });

  it('reports two ready rooms and one occupied room after the rooms ping', async () => {
    const [first, second, third] = (await runningPods()).map((pod) => pod.metadata!.name!);
    await pingAccepted(first!, 'ready');
    await pingAccepted(second!, 'ready');
    await pingAccepted(third!, 'occupied');
    await eventually(
      async () => {
        expect(await info()).toMatchObject({
          name: schedulerName,
          roomsReady: 2,
          roomsOccupied: 1,
          roomsPending: 0,
        });
      },
      { timeoutMs: 10_000, intervalMs: 200, description: 'info to count 2 ready and 1 occupied' },
    );
  });

  it("answers each room's address: the node its pod runs on and its host port", async () => {
    for (const pod of await runningPods()) {
      const roomId = pod.metadata!.name!;
      const hostPort = pod.spec!.containers[0]!.ports![0]!.hostPort!;
      await eventually(
        async () => {
          const answer = await request<{ host: string; ports: unknown[]; ipv6Label: string }>(
            'GET',
            `${roomsApi.url}/scheduler/${schedulerName}/rooms/${roomId}/address`,
          );
          expect(answer).toMatchObject({
            status: 200,
            body: {
              host: pod.status!.hostIP!,
              ports: [{ name: 'port-name', protocol: 'TCP', port: hostPort }],
              ipv6Label: '',
            },
          });
        },
        { timeoutMs: 10_000, intervalMs: 200, description: `the address of ${roomId}` },
      );
    }
  });

  it('replaces a pod deleted behind its back', async () => {
    const before = (await runningPods()).map((pod) => pod.metadata!.name!);
    const victim = before[0]!;
    await kubernetes.core.deleteNamespacedPod({
      name: victim,
      namespace: schedulerName,
      gracePeriodSeconds: 0,
    });
    const replacement = await eventually(
      async () => {
        const pods = await runningPods();
        const names = pods.map((pod) => pod.metadata!.name!);
        expect(names).toHaveLength(3);
        expect(names).not.toContain(victim);
        expect(pods.map((pod) => pod.status?.phase)).toEqual(['Running', 'Running', 'Running']);
        return names.find((name) => !before.includes(name))!;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'a replacement pod' },
    );
    // The new room starts unready (Running, no ping yet) and turns ready on its first ping.
    await pingAccepted(replacement, 'ready');
    await eventually(
      async () => {
        const counts = await info();
        expect(counts.roomsReady + counts.roomsOccupied).toBe(3);
      },
      { timeoutMs: 10_000, intervalMs: 200, description: 'the replacement counted as ready' },
    );
  });

  it('converges to exactly three pods after the worker is killed with SIGKILL and restarted', async () => {
    await worker.kill();
    worker = await startApp('worker', workerEnv());
    await eventually(
      async () => {
        const readiness = await request<{ status: string }>('GET', `${worker.url}/readyz`);
        expect(readiness.body.status).toBe('ready');
      },
      { timeoutMs: 60_000, intervalMs: 250, description: 'restarted worker ready' },
    );
    // Watch the cluster for a while: a duplicate would show up as a fourth pod.
    const deadline = Date.now() + 6_000;
    while (Date.now() < deadline) {
      expect((await runningPods()).length).toBeLessThanOrEqual(3);
      await new Promise((resolveTick) => setTimeout(resolveTick, 300));
    }
    await eventually(
      async () => {
        const pods = await runningPods();
        expect(pods.map((pod) => pod.status?.phase)).toEqual(['Running', 'Running', 'Running']);
        const counts = await info();
        expect(counts.roomsReady + counts.roomsOccupied).toBe(3);
        expect(counts.roomsPending + counts.roomsTerminating).toBe(0);
      },
      { timeoutMs: 30_000, intervalMs: 500, description: 'three rooms after the restart' },
    );
  });

  it('keeps every ping acknowledged before a Kafka broker restart', async () => {
    const rooms = (await runningPods()).map((pod) => pod.metadata!.name!);
    for (const room of rooms) await pingAccepted(room, 'ready');
    const [occupiedRoom] = rooms;
    await pingAccepted(occupiedRoom!, 'occupied');

    execFileSync('bash', [resolve(repoRoot, 'tools/testenv/lib/kafka.sh'), 'restart'], { stdio: 'inherit' });

    await eventually(
      async () => {
        expect(await info()).toMatchObject({ roomsReady: rooms.length - 1, roomsOccupied: 1 });
      },
      {
        timeoutMs: 90_000,
        intervalMs: 500,
        description: 'the acknowledged pings reflected after the restart',
      },
    );
    // The path still works after the restart.
    await pingAccepted(occupiedRoom!, 'ready');
    await eventually(
      async () => {
        expect(await info()).toMatchObject({ roomsReady: rooms.length, roomsOccupied: 0 });
      },
      { timeoutMs: 30_000, intervalMs: 300, description: 'a ping after the restart reflected' },
    );
  });
});
