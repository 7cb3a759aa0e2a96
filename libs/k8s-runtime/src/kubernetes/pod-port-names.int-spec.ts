import { type AllocatedPort, type InstanceEvent, type RoomInstance } from '@maestro/application';
import { allocatedPorts, eventually, roomInstanceSpec, testEnvironment } from '@maestro/testing';
import { randomBytes } from 'node:crypto';
import { KubernetesClient } from './kubernetes-client';
import { KubernetesGameRoomRuntime } from './kubernetes-game-room-runtime.adapter';

const client = KubernetesClient.fromKubeconfig(testEnvironment().kubeconfigPath);

/**
 * Maestro's documentation names the port forwarders pick `clientPort`, which Kubernetes refuses
 * as a container port name: the room must still get its pod, and report its ports by that name.
 */
describe('KubernetesGameRoomRuntime with port names Kubernetes refuses', () => {
  const schedulerName = `port-names-${randomBytes(4).toString('hex')}`;
  const [udp, tcp] = allocatedPorts() as [AllocatedPort, AllocatedPort];
  const ports: AllocatedPort[] = [
    { ...udp, name: 'clientPort' },
    { ...tcp, name: 'Client_Port' },
  ];
  const spec = roomInstanceSpec(schedulerName, 'room-1', { ports });

  afterAll(async () => {
    await client.core.deleteNamespace({ name: schedulerName }).catch(() => undefined);
  });

  it('creates the pod with Kubernetes port names and reports the spec names back', async () => {
    const runtime = new KubernetesGameRoomRuntime(client);
    await runtime.ensureScheduler(schedulerName);

    await runtime.createInstance(spec);

    const pod = await client.core.readNamespacedPod({ namespace: schedulerName, name: 'room-1' });
    expect(pod.spec?.containers[0]?.ports?.map((port) => port.name)).toEqual(['clientport', 'client-port']);
    const [room] = await eventually(
      async () => {
        const rooms = await runtime.listInstances(schedulerName);
        expect(rooms[0]?.address).toBeDefined();
        return rooms;
      },
      { timeoutMs: 30_000, description: 'the pod placed on a node' },
    );
    expect(room?.address?.ports).toEqual(ports);
  });

  it('reports the spec names to a new runtime watching the pods, as after a worker restart', async () => {
    const restarted = new KubernetesGameRoomRuntime(client);
    const events: InstanceEvent[] = [];
    const watch = await restarted.watch((event) => events.push(event));
    try {
      const reported = (): RoomInstance | undefined =>
        events
          .flatMap((event) => (event.kind === 'upserted' ? [event.instance] : []))
          .filter((instance) => instance.schedulerName === schedulerName && instance.address)
          .at(-1);
      await eventually(
        () => {
          expect(reported()).toBeDefined();
        },
        { timeoutMs: 30_000, description: 'the room reported by the watch' },
      );
      expect(reported()?.address?.ports).toEqual(ports);
    } finally {
      await watch.stop();
    }
  });
});
