import { buildScheduler } from '@maestro/domain';
import { parseCreateSchedulerRequest } from './create-scheduler.request';
import {
  formatDuration,
  formatTimestamp,
  presentScheduler,
  presentSchedulerInfo,
  presentSchedulerWithoutSpec,
} from './scheduler.presenter';

// The reference's GET /schedulers/{name} example (§2.3), sent back as a create request.
const example = buildScheduler(
  parseCreateSchedulerRequest({
    name: 'zooba-us',
    game: 'zooba',
    portRange: { start: 40000, end: 60000 },
    maxSurge: '10%',
    roomsReplicas: 6,
    spec: {
      terminationGracePeriod: '100s',
      containers: [
        {
          name: 'game',
          image: 'img:1',
          imagePullPolicy: 'IfNotPresent',
          command: ['./run'],
          environment: [
            { name: 'A', value: 'b' },
            { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            { name: 'C', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
          ],
          requests: { memory: '100Mi', cpu: '100m' },
          limits: { memory: '200Mi', cpu: '200m' },
          ports: [{ name: 'port-name', protocol: 'tcp', port: 12345 }],
        },
      ],
    },
    forwarders: [{ name: 'fwd', enable: true, type: 'gRPC', address: '127.0.0.1:9090' }],
  }),
  '2022-01-01T00:00:00.000Z',
);

describe('scheduler responses', () => {
  it('match Maestro’s GET /schedulers/{name} example field for field', () => {
    expect(JSON.parse(JSON.stringify(presentScheduler({ ...example, state: 'in-sync' })))).toEqual({
      name: 'zooba-us',
      game: 'zooba',
      state: 'in-sync',
      portRange: { start: 40000, end: 60000 },
      createdAt: '2022-01-01T00:00:00Z',
      maxSurge: '10%',
      roomsReplicas: 6,
      spec: {
        version: 'v1.0.0',
        terminationGracePeriod: '100s',
        containers: [
          {
            name: 'game',
            image: 'img:1',
            imagePullPolicy: 'IfNotPresent',
            command: ['./run'],
            environment: [
              { name: 'A', value: 'b' },
              { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'C', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
            ],
            requests: { memory: '100Mi', cpu: '100m' },
            limits: { memory: '200Mi', cpu: '200m' },
            ports: [{ name: 'port-name', protocol: 'tcp', port: 12345, hostPort: 0 }],
          },
        ],
        toleration: '',
        affinity: '',
        restartPolicy: 'Never',
      },
      forwarders: [
        {
          name: 'fwd',
          enable: true,
          type: 'gRPC',
          address: '127.0.0.1:9090',
          options: { timeout: '1000', metadata: {} },
        },
      ],
      annotations: {},
      labels: {},
      matchAllocation: { maxMatches: 1 },
    });
  });

  it('show autoscaling only when the scheduler has it, with its policy parameters', () => {
    const withAutoscaling = {
      ...example,
      autoscaling: {
        enabled: true,
        min: 1,
        max: 10,
        cooldownSeconds: 60,
        policy: {
          type: 'roomOccupancy' as const,
          parameters: { roomOccupancy: { readyTarget: 0.5, downThreshold: 0.99 } },
        },
      },
    };
    expect(presentScheduler(withAutoscaling).autoscaling).toEqual({
      enabled: true,
      min: 1,
      max: 10,
      policy: {
        type: 'roomOccupancy',
        parameters: { roomOccupancy: { readyTarget: 0.5, downThreshold: 0.99 } },
      },
      cooldown: 60,
    });
    expect(presentScheduler(example)).not.toHaveProperty('autoscaling');
    expect(
      presentSchedulerInfo({
        name: 'zooba-us',
        game: 'zooba',
        state: 'creating',
        roomsReplicas: 6,
        roomsReady: 1,
        roomsOccupied: 2,
        roomsPending: 3,
        roomsTerminating: 4,
        autoscaling: { enabled: true, min: 1, max: 10 },
      }).autoscaling,
    ).toEqual({ enabled: true, min: 1, max: 10, cooldown: 0 });
  });

  it('list schedulers without spec, forwarders or autoscaling, with their version', () => {
    expect(presentSchedulerWithoutSpec(example)).toEqual({
      name: 'zooba-us',
      game: 'zooba',
      state: 'creating',
      version: 'v1.0.0',
      portRange: { start: 40000, end: 60000 },
      createdAt: '2022-01-01T00:00:00Z',
      maxSurge: '10%',
      roomsReplicas: 6,
      matchAllocation: { maxMatches: 1 },
    });
    expect(presentSchedulerWithoutSpec({ ...example, portRange: null }).portRange).toBeNull();
  });

  it('write durations and timestamps as protobuf JSON does', () => {
    expect(formatDuration(100)).toBe('100s');
    expect(formatDuration(1.5)).toBe('1.500s');
    expect(formatDuration(0.000000015)).toBe('0.000000015s');
    expect(formatDuration(2.000001)).toBe('2.000001s');
    expect(formatTimestamp('2022-01-01T00:00:00.000Z')).toBe('2022-01-01T00:00:00Z');
    expect(formatTimestamp('2026-11-27T10:00:00.120Z')).toBe('2026-11-27T10:00:00.120Z');
  });
});
