import { type V1ContainerStatus, type V1Pod, type V1PodStatus } from '@kubernetes/client-node';
import { instanceStatusOf, roomInstanceOf } from './room-instance.converter';

function pod(status: V1PodStatus, deletionTimestamp?: Date): V1Pod {
  return { metadata: { name: 'room-1', namespace: 'arena', deletionTimestamp }, status };
}

/** A Running, Ready pod's status, with some fields replaced. */
function running(fields: Pick<V1PodStatus, 'phase' | 'containerStatuses' | 'hostIP'> = {}): V1PodStatus {
  return {
    phase: 'Running',
    conditions: [
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: 'True' },
    ],
    ...fields,
  };
}

function container(state: V1ContainerStatus['state']): V1ContainerStatus {
  return { name: 'game', image: 'game:1', imageID: '', ready: false, restartCount: 0, state };
}

describe('instanceStatusOf (Maestro convertPodStatus, first match wins)', () => {
  it.each<[string, V1Pod, string, string]>([
    ['a pod being deleted is terminating, whatever its state', pod(running(), new Date()), 'terminating', ''],
    ['a pod that ran to completion is terminating', pod(running({ phase: 'Succeeded' })), 'terminating', ''],
    [
      'a failed pod is an error with its reason',
      pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on memory.' }),
      'error',
      'Evicted: The node was low on memory.',
    ],
    ['a pod whose node stopped reporting is an error', pod({ phase: 'Unknown' }), 'error', 'Unknown'],
    [
      'a container in a crash loop is an error, even while the pod is Running',
      pod(
        running({
          containerStatuses: [
            container({ waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting' } }),
          ],
        }),
      ),
      'error',
      'CrashLoopBackOff: back-off 40s restarting',
    ],
    [
      'an image that cannot be pulled is an error',
      pod({ phase: 'Pending', containerStatuses: [container({ waiting: { reason: 'ErrImagePull' } })] }),
      'error',
      'ErrImagePull',
    ],
    [
      'a container still being created is not an error',
      pod({ phase: 'Pending', containerStatuses: [container({ waiting: { reason: 'ContainerCreating' } })] }),
      'pending',
      '',
    ],
    [
      'a container that exited cleanly is terminating',
      pod(running({ containerStatuses: [container({ terminated: { exitCode: 0, reason: 'Completed' } })] })),
      'terminating',
      '',
    ],
    [
      'a container that exited with a failure code is an error',
      pod(
        running({ containerStatuses: [container({ terminated: { exitCode: 137, reason: 'OOMKilled' } })] }),
      ),
      'error',
      'OOMKilled: exit code 137',
    ],
    [
      'a pod with an unmet condition is pending with its reason',
      pod({
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes are available',
          },
        ],
      }),
      'pending',
      'Unschedulable: 0/3 nodes are available',
    ],
    [
      'a Running pod that is not Ready yet is pending',
      pod({
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
      }),
      'pending',
      'ContainersNotReady',
    ],
    ['a Ready pod is ready', pod(running()), 'ready', ''],
    ['a Pending pod without conditions is pending', pod({ phase: 'Pending' }), 'pending', ''],
    ['a Running pod without conditions is ready', pod({ phase: 'Running' }), 'ready', ''],
    ['a pod without status is unknown', pod({}), 'unknown', ''],
  ])('%s', (_behaviour, input, status, description) => {
    expect(instanceStatusOf(input)).toEqual({ status, description });
  });

  it('reads raw watch JSON, where timestamps are strings', () => {
    const raw = JSON.parse(JSON.stringify(pod(running(), new Date()))) as V1Pod;
    expect(instanceStatusOf(raw).status).toBe('terminating');
  });
});

describe('roomInstanceOf', () => {
  function placedPod(status: V1PodStatus, metadata: V1Pod['metadata'] = roomMetadata()): V1Pod {
    return {
      metadata,
      spec: {
        containers: [
          {
            name: 'game',
            ports: [
              { name: 'game', containerPort: 7777, hostPort: 20001, protocol: 'UDP' },
              { name: 'internal', containerPort: 9090 },
              { name: 'http', containerPort: 8080, hostPort: 40001 },
            ],
          },
        ],
      },
      status,
    };
  }

  function roomMetadata(): V1Pod['metadata'] {
    return {
      name: 'room-1',
      namespace: 'arena',
      labels: { 'maestro-scheduler': 'arena', 'maestro-room': 'room-1', version: 'v1.2.0' },
    };
  }

  it('reports the room at its node address with the host ports of its pod', () => {
    expect(roomInstanceOf(placedPod(running({ hostIP: '10.0.0.7' })))).toEqual({
      schedulerName: 'arena',
      roomId: 'room-1',
      version: 'v1.2.0',
      status: 'ready',
      statusDescription: '',
      address: {
        host: '10.0.0.7',
        ports: [
          { containerName: 'game', name: 'game', protocol: 'udp', containerPort: 7777, hostPort: 20001 },
          { containerName: 'game', name: 'http', protocol: 'tcp', containerPort: 8080, hostPort: 40001 },
        ],
      },
    });
  });

  it('has no address until the pod is placed on a node', () => {
    expect(roomInstanceOf(placedPod({ phase: 'Pending' })).address).toBeUndefined();
  });

  it('falls back to namespace and name for a pod without room labels', () => {
    expect(roomInstanceOf(placedPod(running(), { name: 'room-2', namespace: 'lobby' }))).toMatchObject({
      schedulerName: 'lobby',
      roomId: 'room-2',
      version: '',
    });
  });
});
