import { type V1Pod } from '@kubernetes/client-node';
import { type AllocatedPort } from '@maestro/application';
import { roomInstanceSpec } from '../testing/room-instance-spec.fixture';
import { ORIGINAL_PORT_NAMES_ANNOTATION } from './original-port-names';
import { buildPod } from './pod.builder';
import { hostPortsOf, roomInstanceOf } from './room-instance.converter';

const game = roomInstanceSpec('arena', 'arena-x7k2p').containers[0]!;

/** A spec with two containers whose port names Kubernetes would refuse or find equal. */
const spec = roomInstanceSpec('arena', 'arena-x7k2p', {
  containers: [game, { ...game, name: 'sidecar' }],
  ports: [
    { containerName: 'game', name: 'clientPort', protocol: 'udp', containerPort: 7777, hostPort: 20001 },
    { containerName: 'game', name: 'metrics', protocol: 'tcp', containerPort: 9100, hostPort: 20002 },
    { containerName: 'sidecar', name: 'ClientPort', protocol: 'tcp', containerPort: 7777, hostPort: 20003 },
    { containerName: 'sidecar', name: '8080', protocol: 'tcp', containerPort: 8080, hostPort: 20004 },
  ],
});

/** The pod as the API server hands it back: JSON, placed on a node, maybe with other annotations. */
function placed(pod: V1Pod, annotations?: Record<string, string>): V1Pod {
  const copy = JSON.parse(JSON.stringify(pod)) as V1Pod;
  copy.status = { phase: 'Running', hostIP: '10.0.0.7' };
  if (annotations && copy.metadata) copy.metadata.annotations = annotations;
  return copy;
}

describe('port names on the pod', () => {
  it('gives the containers names Kubernetes accepts, unique in the pod', () => {
    const pod = buildPod(spec);
    expect(pod.spec?.containers.map((container) => container.ports)).toEqual([
      [
        { name: 'clientport', containerPort: 7777, hostPort: 20001, protocol: 'UDP' },
        { name: 'metrics', containerPort: 9100, hostPort: 20002, protocol: 'TCP' },
      ],
      [
        { name: 'clientport-2', containerPort: 7777, hostPort: 20003, protocol: 'TCP' },
        { containerPort: 8080, hostPort: 20004, protocol: 'TCP' },
      ],
    ]);
  });

  it('keeps the spec names in an annotation, which a scheduler annotation cannot replace', () => {
    const pod = buildPod({ ...spec, annotations: { [ORIGINAL_PORT_NAMES_ANNOTATION]: '{}' } });
    expect(JSON.parse(pod.metadata?.annotations?.[ORIGINAL_PORT_NAMES_ANNOTATION] ?? '')).toEqual({
      game: ['clientPort', 'metrics'],
      sidecar: ['ClientPort', '8080'],
    });
  });

  it('adds no annotation when every name is a Kubernetes name already', () => {
    const pod = buildPod(roomInstanceSpec('arena', 'arena-x7k2p'));
    expect(pod.metadata?.annotations).not.toHaveProperty(ORIGINAL_PORT_NAMES_ANNOTATION);
  });

  it('reads the spec names back from the pod, as a restarted worker does', () => {
    expect(roomInstanceOf(placed(buildPod(spec))).address).toEqual({ host: '10.0.0.7', ports: spec.ports });
  });

  it('reads the Kubernetes names of a pod without the annotation (created before it existed)', () => {
    const pod = placed(buildPod(roomInstanceSpec('arena', 'arena-x7k2p')));
    expect(hostPortsOf(pod).map((port) => port.name)).toEqual(['game', 'http']);
  });

  it('falls back to the Kubernetes names when the annotation is not what it wrote', () => {
    const names = (annotation: string): string[] =>
      hostPortsOf(placed(buildPod(spec), { [ORIGINAL_PORT_NAMES_ANNOTATION]: annotation })).map(
        (port: AllocatedPort) => port.name,
      );
    expect(names('not json')).toEqual(['clientport', 'metrics', 'clientport-2', '']);
    expect(names('{"game": "clientPort", "sidecar": [1, "eighty"]}')).toEqual([
      'clientport',
      'metrics',
      'clientport-2',
      'eighty',
    ]);
  });
});
