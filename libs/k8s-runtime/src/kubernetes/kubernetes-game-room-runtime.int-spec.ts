import { ApiException, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { type InstanceEvent, type RoomInstance } from '@maestro/application';
import { eventually, gameRoomRuntimeContract, roomInstanceSpec, testEnvironment } from '@maestro/testing';
import { randomBytes } from 'node:crypto';
import { GameRoomRuntimeError } from '../game-room-runtime.error';
import { KubernetesClient } from './kubernetes-client';
import { KubernetesGameRoomRuntime } from './kubernetes-game-room-runtime.adapter';

const quietLogger = { warn: (): void => undefined, error: (): void => undefined };
const client = KubernetesClient.fromKubeconfig(testEnvironment().kubeconfigPath);

async function namespaceState(name: string): Promise<'absent' | 'active' | 'terminating'> {
  try {
    const namespace = await client.core.readNamespace({ name });
    return namespace.metadata?.deletionTimestamp ? 'terminating' : 'active';
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return 'absent';
    throw error;
  }
}

gameRoomRuntimeContract('KubernetesGameRoomRuntime on a real API server with kwok nodes', () =>
  Promise.resolve({
    runtime: new KubernetesGameRoomRuntime(client),
    schedulerExists: async (schedulerName: string) => (await namespaceState(schedulerName)) !== 'absent',
    // Namespace deletion waits for kube-controller-manager's namespace controller (~10 s here).
    settleTimeoutMs: 60_000,
  }),
);

describe('KubernetesGameRoomRuntime on a real API server', () => {
  const runtime = new KubernetesGameRoomRuntime(client, { namespacePollIntervalMs: 250 });
  const namespaces: string[] = [];
  const uniqueName = (prefix: string): string => {
    const name = `${prefix}-${randomBytes(4).toString('hex')}`;
    namespaces.push(name);
    return name;
  };

  afterAll(async () => {
    await Promise.all(namespaces.map((name) => client.core.deleteNamespace({ name }).catch(() => undefined)));
  });

  it("creates the room's pod with Maestro's labels, annotations, environment, ports and placement", async () => {
    const schedulerName = uniqueName('pod-shape');
    await runtime.ensureScheduler(schedulerName);
    const spec = roomInstanceSpec(schedulerName, 'room-1', {
      labels: { team: 'arena', heritage: 'not-maestro' },
      annotations: { 'example.com/owner': 'arena' },
      toleration: 'game-servers',
      affinity: 'example.com/game-node',
      isValidationRoom: true,
      containers: [
        {
          ...roomInstanceSpec(schedulerName, 'room-1').containers[0]!,
          environment: [
            { name: 'MODE', value: 'production' },
            { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
            { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'game-secrets', key: 'token' } } },
          ],
        },
      ],
    });

    await runtime.createInstance(spec);

    const pod = await client.core.readNamespacedPod({ namespace: schedulerName, name: 'room-1' });
    expect(pod.metadata?.labels).toEqual({
      team: 'arena',
      'app.kubernetes.io/managed-by': 'maestro',
      heritage: 'maestro',
      'maestro-scheduler': schedulerName,
      'maestro-room': 'room-1',
      version: 'v1.2.0',
      'maestro-validation-room': 'true',
    });
    expect(pod.metadata?.annotations).toEqual({
      'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true',
      'example.com/owner': 'arena',
    });
    expect(pod.spec?.restartPolicy).toBe('Never');
    expect(pod.spec?.terminationGracePeriodSeconds).toBe(5);
    expect(pod.spec?.tolerations).toContainEqual({
      key: 'dedicated',
      operator: 'Equal',
      value: 'game-servers',
      effect: 'NoSchedule',
    });
    expect(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [
        { matchExpressions: [{ key: 'example.com/game-node', operator: 'In', values: ['true'] }] },
      ],
    });
    const container = pod.spec!.containers[0]!;
    expect(container).toMatchObject({
      name: 'game',
      image: 'registry.example.com/my-game:1.2.0',
      imagePullPolicy: 'IfNotPresent',
      command: ['./run-server', '--port', '7777'],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
    });
    expect(container.env).toEqual([
      { name: 'MODE', value: 'production' },
      { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'game-secrets', key: 'token' } } },
      { name: 'MAESTRO_SCHEDULER_NAME', value: schedulerName },
      { name: 'MAESTRO_ROOM_ID', value: 'room-1' },
    ]);
    expect(container.ports).toEqual([
      { name: 'game', containerPort: 7777, hostPort: spec.ports[0]!.hostPort, protocol: 'UDP' },
      { name: 'http', containerPort: 8080, hostPort: spec.ports[1]!.hostPort, protocol: 'TCP' },
    ]);
  });

  it('reports a room that no node can take as pending, with the reason from the scheduler', async () => {
    const schedulerName = uniqueName('unschedulable');
    await runtime.ensureScheduler(schedulerName);

    await runtime.createInstance(
      roomInstanceSpec(schedulerName, 'room-1', { affinity: 'example.com/no-such-node' }),
    );

    const [room] = await eventually(
      async () => {
        const rooms = await runtime.listInstances(schedulerName);
        expect(rooms[0]?.statusDescription).toMatch(/^Unschedulable: /);
        return rooms;
      },
      { timeoutMs: 30_000, description: 'kube-scheduler to mark the pod unschedulable' },
    );
    expect(room).toMatchObject({ status: 'pending', roomId: 'room-1' });
    expect(room?.address).toBeUndefined();
  });

  it('reports a room whose pod failed as an error with the reason, through the watch', async () => {
    const schedulerName = uniqueName('failed-pod');
    const events: InstanceEvent[] = [];
    const watch = await runtime.watch((event) => events.push(event));
    try {
      await runtime.ensureScheduler(schedulerName);
      await runtime.createInstance(roomInstanceSpec(schedulerName, 'room-1'));
      const latest = (): RoomInstance | undefined =>
        events
          .flatMap((event) => (event.kind === 'upserted' ? [event.instance] : []))
          .filter((instance) => instance.schedulerName === schedulerName)
          .at(-1);
      await eventually(
        () => {
          expect(latest()?.status).toBe('ready');
        },
        { timeoutMs: 30_000 },
      );

      await client.core.patchNamespacedPodStatus(
        {
          namespace: schedulerName,
          name: 'room-1',
          body: { status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on memory.' } },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );

      await eventually(
        () => {
          expect(latest()).toMatchObject({
            status: 'error',
            statusDescription: 'Evicted: The node was low on memory.',
          });
        },
        { timeoutMs: 30_000, description: 'the failure reported by the watch' },
      );
    } finally {
      await watch.stop();
    }
  });

  it('waits for a namespace that is still being deleted, then creates the scheduler again', async () => {
    const schedulerName = uniqueName('recreated');
    await runtime.ensureScheduler(schedulerName);
    await runtime.createInstance(roomInstanceSpec(schedulerName, 'room-1'));
    await runtime.deleteScheduler(schedulerName);
    expect(await namespaceState(schedulerName)).toBe('terminating');

    await runtime.ensureScheduler(schedulerName);

    expect(await namespaceState(schedulerName)).toBe('active');
    await runtime.createInstance(roomInstanceSpec(schedulerName, 'room-2'));
    expect((await runtime.listInstances(schedulerName)).map((room) => room.roomId)).toEqual(['room-2']);
  });

  it('gives up on a namespace that stays in deletion past the bound, with SchedulerTerminating', async () => {
    const impatient = new KubernetesGameRoomRuntime(client, {
      namespaceTerminationTimeoutMs: 300,
      namespacePollIntervalMs: 100,
    });
    const schedulerName = uniqueName('impatient');
    await impatient.ensureScheduler(schedulerName);
    await impatient.createInstance(roomInstanceSpec(schedulerName, 'room-1'));
    await impatient.deleteScheduler(schedulerName);

    await expect(impatient.ensureScheduler(schedulerName)).rejects.toMatchObject({
      code: 'SchedulerTerminating',
    });
    await expect(impatient.createInstance(roomInstanceSpec(schedulerName, 'room-2'))).rejects.toMatchObject({
      code: 'SchedulerTerminating',
    });
  });

  it('never deletes a namespace Maestro did not create: deleting the scheduler removes only its rooms', async () => {
    const schedulerName = uniqueName('foreign');
    await client.core.createNamespace({ body: { metadata: { name: schedulerName } } });
    await client.core.createNamespacedPod({
      namespace: schedulerName,
      body: { metadata: { name: 'not-a-room' }, spec: { containers: [{ name: 'app', image: 'app:1' }] } },
    });
    await runtime.ensureScheduler(schedulerName);
    await runtime.createInstance(roomInstanceSpec(schedulerName, 'room-1'));

    await runtime.deleteScheduler(schedulerName);

    await eventually(
      async () => {
        expect(await runtime.listInstances(schedulerName)).toEqual([]);
      },
      {
        timeoutMs: 30_000,
      },
    );
    expect(await namespaceState(schedulerName)).toBe('active');
    const pods = await client.core.listNamespacedPod({ namespace: schedulerName });
    expect(pods.items.map((pod) => pod.metadata?.name)).toEqual(['not-a-room']);
  });

  it('rejects a room the API server finds invalid with RuntimeRequestRejected, without retrying', async () => {
    const schedulerName = uniqueName('invalid');
    await runtime.ensureScheduler(schedulerName);
    const valid = roomInstanceSpec(schedulerName, 'room-1');

    const error: unknown = await runtime
      .createInstance({ ...valid, containers: [{ ...valid.containers[0]!, name: 'Not_A_DNS_Label' }] })
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(GameRoomRuntimeError);
    expect(error).toMatchObject({ code: 'RuntimeRequestRejected' });
    expect((error as Error).message).toContain('422');
  });
});

describe('KubernetesGameRoomRuntime without an API server', () => {
  // 127.0.0.1:1 refuses connections: what a worker sees while the API server is down.
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'down', server: 'https://127.0.0.1:1', skipTLSVerify: true }],
    users: [{ name: 'nobody' }],
    contexts: [{ name: 'down', cluster: 'down', user: 'nobody' }],
    currentContext: 'down',
  });
  const unreachable = new KubernetesGameRoomRuntime(new KubernetesClient(kubeConfig), {
    retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
    logger: quietLogger,
  });

  it('fails calls with RuntimeUnavailable once its retries are spent', async () => {
    await expect(unreachable.createInstance(roomInstanceSpec('arena', 'room-1'))).rejects.toMatchObject({
      code: 'RuntimeUnavailable',
      message: expect.stringContaining('ECONNREFUSED') as unknown,
    });
    await expect(unreachable.listInstances()).rejects.toMatchObject({ code: 'RuntimeUnavailable' });
  });

  it('fails to start a watch with RuntimeUnavailable when the first list keeps failing', async () => {
    await expect(unreachable.watch(() => undefined)).rejects.toMatchObject({ code: 'RuntimeUnavailable' });
  });
});
