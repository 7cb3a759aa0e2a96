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
 * Scheduler lifecycle parity (versions, validation rooms, switch and rollback, rolling update,
 * operations, delete) with the three services as processes over the real Postgres, Kafka and
 * Kubernetes API. kwok pods run nothing, so a background pinger answers for every room whose
 * image is not a "broken" one.
 */
const credentials = 'studio:s3cret';
const authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
const validationTimeoutMs = 6_000;

interface OperationView {
  id: string;
  status: string;
  definitionName: string;
  executionHistory: { createdAt: string; event: string }[];
}

interface SchedulerInfo {
  roomsReady: number;
}

describe('scheduler lifecycle: versions, rolling update, operations, delete', () => {
  const environment = testEnvironment();
  const kubernetes = KubernetesClient.fromKubeconfig(environment.kubeconfigPath);
  const suffix = randomBytes(3).toString('hex');
  const game = `lifecycle-${suffix}`;
  const namespaces = new Set<string>();
  let database: TestDatabase;
  let managementApi: AppProcess;
  let roomsApi: AppProcess;
  let worker: AppProcess;
  let pinging = true;
  let pinger: Promise<void> | undefined;

  const api = <T>(method: string, path: string, body?: unknown) =>
    request<T>(method, `${managementApi.url}${path}`, { headers: { authorization }, body });

  const livePods = async (namespace: string): Promise<V1Pod[]> => {
    const pods = await kubernetes.core
      .listNamespacedPod({ namespace })
      .catch(() => ({ items: [] as V1Pod[] }));
    return pods.items.filter((pod) => pod.metadata?.deletionTimestamp === undefined);
  };

  /** Pings every live room of every scheduler of the test as ready, but rooms of broken images. */
  const pingForever = async (): Promise<void> => {
    while (pinging) {
      for (const namespace of namespaces) {
        for (const pod of await livePods(namespace)) {
          const image = pod.spec?.containers[0]?.image ?? '';
          const roomId = pod.metadata?.name;
          if (image.includes('broken') || !roomId || pod.status?.phase !== 'Running') continue;
          await request('PUT', `${roomsApi.url}/scheduler/${namespace}/rooms/${roomId}/ping`, {
            body: { status: 'ready', timestamp: String(Date.now()) },
          }).catch(() => undefined);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  const schedulerBody = (name: string, replicas: number, maxSurge = '1') => ({
    name,
    game,
    roomsReplicas: replicas,
    maxSurge,
    portRange: { start: 30000, end: 32000 },
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
  });

  const createScheduler = async (name: string, replicas: number, maxSurge?: string) => {
    namespaces.add(name);
    const created = await api('POST', '/schedulers', schedulerBody(name, replicas, maxSurge));
    expect(created.status).toBe(200);
    await eventually(
      async () => {
        const info = await schedulerInfo(name);
        expect(info.roomsReady).toBe(replicas);
      },
      { timeoutMs: 90_000, intervalMs: 300, description: `${replicas} ready rooms of ${name}` },
    );
  };

  const schedulerInfo = async (name: string): Promise<SchedulerInfo> => {
    const response = await api<{ schedulers: (SchedulerInfo & { name: string })[] }>(
      'GET',
      `/schedulers/info?game=${game}`,
    );
    const found = response.body.schedulers.find((scheduler) => scheduler.name === name);
    if (!found) throw new Error(`${name} not in info`);
    return found;
  };

  const activeVersion = async (name: string): Promise<string> => {
    const response = await api<{ scheduler: { spec: { version: string } } }>('GET', `/schedulers/${name}`);
    expect(response.status).toBe(200);
    return response.body.scheduler.spec.version;
  };

  const operation = async (name: string, id: string): Promise<OperationView> => {
    const response = await api<{ operation: OperationView }>('GET', `/schedulers/${name}/operations/${id}`);
    expect(response.status).toBe(200);
    return response.body.operation;
  };

  const finalOperation = (name: string, id: string, timeoutMs = 90_000) =>
    eventually(
      async () => {
        const current = await operation(name, id);
        expect(['finished', 'error', 'canceled', 'evicted']).toContain(current.status);
        return current;
      },
      { timeoutMs, intervalMs: 250, description: `operation ${id} final` },
    );

  /** Sends a version change, waits for its operation and for the switch it queues. */
  const changeVersion = async (name: string, method: 'PATCH' | 'PUT', body: unknown, expected: string) => {
    const response = await api<{ operationId: string }>(method, `/schedulers/${name}`, body);
    expect(response.status).toBe(200);
    const done = await finalOperation(name, response.body.operationId);
    expect(done.status).toBe('finished');
    await eventually(
      async () => {
        expect(await activeVersion(name)).toBe(expected);
      },
      {
        timeoutMs: 30_000,
        intervalMs: 200,
        description: `${name} at ${expected}`,
      },
    );
    // The switch a new version queued ends just after its version is active: wait for the queue to
    // empty, as a client must before the next version change (else 400, an ongoing version operation).
    await eventually(
      async () => {
        for (const stage of ['pending', 'active']) {
          const listed = await api<{ total: number }>('GET', `/schedulers/${name}/operations?stage=${stage}`);
          expect(listed.body.total).toBe(0);
        }
      },
      { timeoutMs: 30_000, intervalMs: 200, description: `${name} has no operation left` },
    );
  };

  beforeAll(async () => {
    database = await createTestDatabase('lifecycle');
    [managementApi, roomsApi, worker] = await Promise.all([
      startApp('management-api', { DATABASE_URL: database.url, MANAGEMENT_API_USERS: credentials }),
      startApp('room-ping-ingest', { KAFKA_BROKERS: environment.kafkaBrokers.join(',') }),
      startApp('worker', {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: environment.kafkaBrokers.join(','),
        KUBECONFIG: environment.kubeconfigPath,
        RECONCILE_INTERVAL_MS: '2000',
        KAFKA_CONSUMER_GROUP: `worker-lifecycle-${suffix}`,
        ROOM_VALIDATION_TIMEOUT_MS: String(validationTimeoutMs),
        SCHEDULER_DELETION_TIMEOUT_MS: '60000',
      }),
    ]);
    // The rooms API answers only once it caught up with the room-events topic.
    await eventually(
      async () => {
        expect((await request('GET', `${roomsApi.url}/readyz`)).status).toBe(200);
      },
      {
        timeoutMs: 120_000,
        intervalMs: 500,
        description: 'rooms API ready',
      },
    );
    pinger = pingForever();
  });

  afterAll(async () => {
    pinging = false;
    await pinger;
    await Promise.all([managementApi.stop(), roomsApi.stop(), worker.stop()]);
    for (const namespace of namespaces) {
      await kubernetes.core.deleteNamespace({ name: namespace }).catch(() => undefined);
    }
    await database.drop();
  });

  it('numbers versions minor, major, switch back, minor, major as v1.1.0, v2.0.0, v1.0.0, v1.2.0, v3.0.0', async () => {
    const name = `versions-${suffix}`;
    await createScheduler(name, 1);
    await eventually(
      async () => {
        const response = await api<{ scheduler: { state: string } }>('GET', `/schedulers/${name}`);
        expect(response.body.scheduler.state).toBe('in-sync');
      },
      { timeoutMs: 30_000, intervalMs: 200, description: 'in-sync after create_scheduler' },
    );

    await changeVersion(name, 'PATCH', { roomsReplicas: 2 }, 'v1.1.0');
    await changeVersion(name, 'PATCH', { spec: { containers: [{ image: 'game:2.0' }] } }, 'v2.0.0');
    await changeVersion(name, 'PUT', { version: 'v1.0.0' }, 'v1.0.0');
    await changeVersion(name, 'PATCH', { roomsReplicas: 1 }, 'v1.2.0');
    await changeVersion(name, 'PATCH', { spec: { containers: [{ image: 'game:3.0' }] } }, 'v3.0.0');

    const versions = await api<{ versions: { version: string; isActive: boolean }[] }>(
      'GET',
      `/schedulers/${name}/versions`,
    );
    expect(versions.body.versions.map((version) => version.version).sort()).toEqual([
      'v1.0.0',
      'v1.1.0',
      'v1.2.0',
      'v2.0.0',
      'v3.0.0',
    ]);
    expect(versions.body.versions.filter((version) => version.isActive)).toEqual([
      expect.objectContaining({ version: 'v3.0.0', isActive: true }),
    ]);

    // The last switch reports itself finished just after the version it made active is visible.
    await eventually(
      async () => {
        const finals = await api<{ operations: { definitionName: string; status: string }[] }>(
          'GET',
          `/schedulers/${name}/operations?stage=final&perPage=100`,
        );
        const switches = finals.body.operations.filter((op) => op.definitionName === 'switch_active_version');
        expect(switches).toHaveLength(5);
        expect(finals.body.operations.every((op) => op.status === 'finished')).toBe(true);
      },
      { timeoutMs: 10_000, intervalMs: 200, description: 'five finished switches' },
    );

    const empty = await api<{ code: number; message: string }>('PATCH', `/schedulers/${name}`, {});
    expect(empty.status).toBe(409);
    expect(empty.body.message).toBe(`no change found to scheduler ${name}`);
  });

  it('replaces 10 rooms in surges of 20 %: never more than 12 rooms, never fewer than 10 ready', async () => {
    const name = `rolling-${suffix}`;
    await createScheduler(name, 10, '20%');
    let maxRooms = 0;
    let minReady = Infinity;
    const sampling = { on: true };
    const sampler = (async () => {
      while (sampling.on) {
        const [pods, info] = await Promise.all([livePods(name), schedulerInfo(name)]);
        maxRooms = Math.max(maxRooms, pods.length);
        minReady = Math.min(minReady, info.roomsReady);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    try {
      await changeVersion(name, 'PATCH', { spec: { containers: [{ image: 'game:2.0' }] } }, 'v2.0.0');
      await eventually(
        async () => {
          const pods = await livePods(name);
          expect(pods).toHaveLength(10);
          expect(pods.every((pod) => pod.metadata?.labels?.version === 'v2.0.0')).toBe(true);
          expect((await schedulerInfo(name)).roomsReady).toBe(10);
        },
        { timeoutMs: 120_000, intervalMs: 300, description: 'every room on v2.0.0' },
      );
    } finally {
      sampling.on = false;
      await sampler;
    }
    expect(maxRooms).toBeLessThanOrEqual(12);
    expect(minReady).toBeGreaterThanOrEqual(10);
  });

  it('refuses a major version whose validation room never becomes ready, leaving version and rooms untouched', async () => {
    const name = `broken-${suffix}`;
    await createScheduler(name, 2);
    const before = (await livePods(name)).map((pod) => pod.metadata?.name).sort();
    const response = await api<{ operationId: string }>('PATCH', `/schedulers/${name}`, {
      spec: { containers: [{ image: 'broken:1.0' }] },
    });
    expect(response.status).toBe(200);
    const done = await finalOperation(name, response.body.operationId, 120_000);
    const events = done.executionHistory.map((entry) => entry.event);
    expect({ status: done.status, events }).toMatchObject({ status: 'error' });
    expect(events).toContain('Major version detected, starting game room validation process...');
    expect(events).toEqual(
      expect.arrayContaining(
        [1, 2, 3].map((attempt): unknown =>
          expect.stringMatching(
            new RegExp(`^${attempt}º Attempt: Got timeout waiting for the GRU with ID: `),
          ),
        ),
      ),
    );
    expect(events).toContain('All validation attempts have failed, operation aborted!');
    expect(events.at(-1)).toBe('Operation finished');
    expect(await activeVersion(name)).toBe('v1.0.0');
    const versions = await api<{ versions: unknown[] }>('GET', `/schedulers/${name}/versions`);
    expect(versions.body.versions).toHaveLength(1);
    await eventually(
      async () => {
        expect((await livePods(name)).map((pod) => pod.metadata?.name).sort()).toEqual(before);
      },
      { timeoutMs: 30_000, intervalMs: 300, description: 'the same rooms, validation room gone' },
    );
  });

  it('cancels a pending operation queued behind a long one, then a running one, and refuses to cancel a final one', async () => {
    const name = `cancel-${suffix}`;
    await createScheduler(name, 1);
    const long = await api<{ operationId: string }>('PATCH', `/schedulers/${name}`, {
      spec: { containers: [{ image: 'broken:2.0' }] },
    });
    const second = await api<{ code: number; message: string }>('PUT', `/schedulers/${name}`, {
      version: 'v1.0.0',
    });
    expect(second.status).toBe(400);
    expect(second.body.message).toContain('there is already an ongoing version operation');
    const queued = await api<{ operationId: string }>('DELETE', `/schedulers/${name}`);
    expect(queued.status).toBe(200);

    const pending = await api<{ operations: { id: string }[] }>(
      'GET',
      `/schedulers/${name}/operations?stage=pending`,
    );
    expect(pending.body.operations.map((op) => op.id)).toContain(queued.body.operationId);
    const canceled = await api('POST', `/schedulers/${name}/operations/${queued.body.operationId}/cancel`);
    expect(canceled).toMatchObject({ status: 200, body: {} });
    expect((await operation(name, queued.body.operationId)).status).toBe('canceled');

    await eventually(
      async () => {
        expect((await operation(name, long.body.operationId)).status).toBe('in_progress');
      },
      { timeoutMs: 30_000, intervalMs: 100, description: 'the long operation running' },
    );
    const stop = await api('POST', `/schedulers/${name}/operations/${long.body.operationId}/cancel`);
    expect(stop.status).toBe(200);
    const stopped = await finalOperation(name, long.body.operationId);
    expect(stopped.status).toBe('canceled');
    expect(await activeVersion(name)).toBe('v1.0.0');

    const again = await api<{ code: number; message: string }>(
      'POST',
      `/schedulers/${name}/operations/${queued.body.operationId}/cancel`,
    );
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      code: 10,
      message: 'cannot cancel operation since status "canceled" is a final status',
      details: [],
    });
    const unknown = await api('GET', `/schedulers/${name}/operations/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    const badStage = await api<{ message: string }>('GET', `/schedulers/${name}/operations?stage=done`);
    expect(badStage).toMatchObject({ status: 400, body: { message: 'invalid stage filter: done' } });
  });

  it('deletes a scheduler with its rooms and namespace, after which the name can be used again', async () => {
    const name = `delete-${suffix}`;
    await createScheduler(name, 2);
    const deleted = await api<{ operationId: string }>('DELETE', `/schedulers/${name}`);
    expect(deleted.status).toBe(200);
    expect((await finalOperation(name, deleted.body.operationId)).status).toBe('finished');
    expect((await api('GET', `/schedulers/${name}`)).status).toBe(404);
    await eventually(
      async () => {
        const namespaces = await kubernetes.core.listNamespace();
        expect(namespaces.items.map((namespace) => namespace.metadata?.name)).not.toContain(name);
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'namespace gone' },
    );
    const missing = await api<{ message: string }>('DELETE', `/schedulers/${name}`);
    expect(missing).toMatchObject({
      status: 404,
      body: { message: `no scheduler found, can not delete nonexistent scheduler: ${name}` },
    });
    await createScheduler(name, 1);
    expect(await activeVersion(name)).toBe('v1.0.0');
  });
});
