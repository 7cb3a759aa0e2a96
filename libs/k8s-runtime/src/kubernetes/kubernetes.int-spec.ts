import { ApiException, makeInformer, type V1Pod } from '@kubernetes/client-node';
import { eventually, testEnvironment } from '@maestro/testing';
import { randomBytes } from 'node:crypto';
import { KubernetesClient } from './kubernetes-client';

describe('Kubernetes API (real kube-apiserver, kube-scheduler, kube-controller-manager, kwok nodes)', () => {
  const client = KubernetesClient.fromKubeconfig(testEnvironment().kubeconfigPath);
  const namespace = `smoke-${randomBytes(4).toString('hex')}`;

  afterAll(async () => {
    await client.core.deleteNamespace({ name: namespace }).catch(() => undefined);
  });

  it('reports its version', async () => {
    expect(await client.serverVersion()).toMatch(/^v1\.\d+\.\d+/);
  });

  it('schedules a pod with a host port, env and resources, sees it Running with an IP through an informer, and deletes the namespace', async () => {
    await client.core.createNamespace({
      body: { metadata: { name: namespace, labels: { 'app.kubernetes.io/managed-by': 'maestro-smoke' } } },
    });

    const informer = makeInformer(client.kubeConfig, `/api/v1/namespaces/${namespace}/pods`, () =>
      client.core.listNamespacedPod({ namespace }),
    );
    const seen = new Map<string, V1Pod>();
    const remember = (pod: V1Pod): void => {
      seen.set(pod.metadata?.name ?? '', pod);
    };
    informer.on('add', remember);
    informer.on('update', remember);
    informer.on('delete', (pod) => seen.delete(pod.metadata?.name ?? ''));
    await informer.start();

    try {
      await client.core.createNamespacedPod({
        namespace,
        body: {
          metadata: {
            name: 'room-1',
            labels: { 'maestro.io/scheduler': 'smoke', 'maestro.io/room': 'room-1' },
          },
          spec: {
            terminationGracePeriodSeconds: 5,
            containers: [
              {
                name: 'game',
                image: 'my-game:1.0',
                command: ['./run-server'],
                env: [
                  { name: 'MAESTRO_SCHEDULER_NAME', value: 'smoke' },
                  { name: 'MAESTRO_ROOM_ID', value: 'room-1' },
                ],
                ports: [{ name: 'game', containerPort: 7777, hostPort: 27777, protocol: 'TCP' }],
                resources: {
                  requests: { cpu: '100m', memory: '100Mi' },
                  limits: { cpu: '200m', memory: '200Mi' },
                },
              },
            ],
          },
        },
      });

      const running = await eventually(
        () => {
          const pod = seen.get('room-1');
          expect(pod?.status?.phase).toBe('Running');
          expect(pod?.status?.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
          return pod!;
        },
        { timeoutMs: 60_000, description: 'pod Running with an IP, seen by the informer' },
      );
      expect(running.spec?.nodeName).toMatch(/^kwok-node-/);
      const container = running.spec!.containers[0]!;
      expect(container.env).toEqual([
        { name: 'MAESTRO_SCHEDULER_NAME', value: 'smoke' },
        { name: 'MAESTRO_ROOM_ID', value: 'room-1' },
      ]);
      expect(container.ports?.[0]).toMatchObject({ containerPort: 7777, hostPort: 27777 });
      expect(container.resources?.limits).toEqual({ cpu: '200m', memory: '200Mi' });

      const byLabel = await client.core.listNamespacedPod({
        namespace,
        labelSelector: 'maestro.io/scheduler=smoke',
      });
      expect(byLabel.items.map((pod) => pod.metadata?.name)).toEqual(['room-1']);
    } finally {
      await informer.stop();
    }

    await client.core.deleteNamespace({ name: namespace });
    await eventually(
      async () => {
        const stillThere = await client.core.readNamespace({ name: namespace }).then(
          () => true,
          (error: unknown) => {
            if (error instanceof ApiException && error.code === 404) return false;
            throw error;
          },
        );
        expect(stillThere).toBe(false);
      },
      { timeoutMs: 90_000, intervalMs: 500, description: 'namespace deletion to complete' },
    );
  });
});
