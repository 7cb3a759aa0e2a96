import { roomInstanceSpec } from '../testing/room-instance-spec.fixture';
import { buildPod } from './pod.builder';

describe('buildPod', () => {
  const spec = roomInstanceSpec('arena', 'arena-x7k2p', {
    ports: [
      { containerName: 'game', name: 'game', protocol: 'udp', containerPort: 7777, hostPort: 20001 },
      { containerName: 'game', name: 'http', protocol: 'tcp', containerPort: 8080, hostPort: 40001 },
    ],
  });

  it('builds one pod named after the room, in the namespace named after the scheduler', () => {
    expect(buildPod(spec)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'arena-x7k2p',
        namespace: 'arena',
        labels: {
          'app.kubernetes.io/managed-by': 'maestro',
          heritage: 'maestro',
          'maestro-scheduler': 'arena',
          'maestro-room': 'arena-x7k2p',
          version: 'v1.2.0',
          'maestro-validation-room': 'false',
        },
        annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' },
      },
      spec: {
        restartPolicy: 'Never',
        terminationGracePeriodSeconds: 5,
        containers: [
          {
            name: 'game',
            image: 'registry.example.com/my-game:1.2.0',
            imagePullPolicy: 'IfNotPresent',
            command: ['./run-server', '--port', '7777'],
            env: [
              { name: 'MODE', value: 'production' },
              { name: 'MAESTRO_SCHEDULER_NAME', value: 'arena' },
              { name: 'MAESTRO_ROOM_ID', value: 'arena-x7k2p' },
            ],
            resources: {
              requests: { cpu: '100m', memory: '128Mi' },
              limits: { cpu: '200m', memory: '256Mi' },
            },
            ports: [
              { name: 'game', containerPort: 7777, hostPort: 20001, protocol: 'UDP' },
              { name: 'http', containerPort: 8080, hostPort: 40001, protocol: 'TCP' },
            ],
          },
        ],
      },
    });
  });

  it("adds the scheduler's labels, but keeps Maestro's own label values", () => {
    const pod = buildPod({
      ...spec,
      isValidationRoom: true,
      labels: { team: 'arena', heritage: 'other', 'maestro-scheduler': 'other', version: 'v9' },
    });

    expect(pod.metadata?.labels).toEqual({
      team: 'arena',
      'app.kubernetes.io/managed-by': 'maestro',
      heritage: 'maestro',
      'maestro-scheduler': 'arena',
      'maestro-room': 'arena-x7k2p',
      version: 'v1.2.0',
      'maestro-validation-room': 'true',
    });
  });

  it("adds the scheduler's annotations, which may turn safe-to-evict off", () => {
    const pod = buildPod({
      ...spec,
      annotations: {
        'example.com/owner': 'arena',
        'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false',
      },
    });

    expect(pod.metadata?.annotations).toEqual({
      'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false',
      'example.com/owner': 'arena',
    });
  });

  it('passes values, pod fields and secrets to the room, followed by its scheduler and room id', () => {
    const container = spec.containers[0]!;
    const pod = buildPod({
      ...spec,
      containers: [
        {
          ...container,
          environment: [
            { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
            { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'game-secrets', key: 'token' } } },
            { name: 'LITERAL_WINS', value: 'x', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
            { name: 'EMPTY' },
          ],
        },
      ],
    });

    expect(pod.spec?.containers[0]?.env).toEqual([
      { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'game-secrets', key: 'token' } } },
      { name: 'LITERAL_WINS', value: 'x' },
      { name: 'EMPTY', value: '' },
      { name: 'MAESTRO_SCHEDULER_NAME', value: 'arena' },
      { name: 'MAESTRO_ROOM_ID', value: 'arena-x7k2p' },
    ]);
  });

  it('gives each container only its own allocated ports, with upper-case protocols', () => {
    const game = spec.containers[0]!;
    const pod = buildPod({
      ...spec,
      containers: [game, { ...game, name: 'sidecar', ports: [] }],
      ports: [
        { containerName: 'game', name: 'game', protocol: 'udp', containerPort: 7777, hostPort: 20001 },
        { containerName: 'sidecar', name: 'sig', protocol: 'sctp', containerPort: 9000, hostPort: 20002 },
      ],
    });

    expect(pod.spec?.containers.map((container) => [container.name, container.ports])).toEqual([
      ['game', [{ name: 'game', containerPort: 7777, hostPort: 20001, protocol: 'UDP' }]],
      ['sidecar', [{ name: 'sig', containerPort: 9000, hostPort: 20002, protocol: 'SCTP' }]],
    ]);
  });

  it('tolerates the dedicated taint and requires the affinity label when the scheduler sets them', () => {
    const pod = buildPod({ ...spec, toleration: 'game-servers', affinity: 'example.com/game-node' });

    expect(pod.spec?.tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'game-servers', effect: 'NoSchedule' },
    ]);
    expect(pod.spec?.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'example.com/game-node', operator: 'In', values: ['true'] }] },
          ],
        },
      },
    });
  });

  it('rounds the grace period down to whole seconds, and leaves 0 to the Kubernetes default', () => {
    expect(
      buildPod({ ...spec, terminationGracePeriodSeconds: 100.9 }).spec?.terminationGracePeriodSeconds,
    ).toBe(100);
    expect(buildPod({ ...spec, terminationGracePeriodSeconds: 0 }).spec).not.toHaveProperty(
      'terminationGracePeriodSeconds',
    );
  });

  it("leaves out an empty command (the image's entrypoint runs) and empty resource quantities", () => {
    const container = spec.containers[0]!;
    const pod = buildPod({
      ...spec,
      containers: [
        { ...container, command: [], requests: { cpu: '100m', memory: '' }, limits: { cpu: '', memory: '' } },
      ],
    });

    const built = pod.spec?.containers[0];
    expect(built).not.toHaveProperty('command');
    expect(built?.resources).toEqual({ requests: { cpu: '100m' } });
  });
});
