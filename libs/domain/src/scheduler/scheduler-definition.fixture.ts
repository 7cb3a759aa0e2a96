import {
  type AutoscalingDefinition,
  type ContainerDefinition,
  type ContainerPortDefinition,
  type ForwarderDefinition,
  type SchedulerDefinition,
  type SpecDefinition,
} from './scheduler-definition';

/** Valid building blocks for tests; each takes overrides for the one thing a test is about. */
export function aPort(overrides: Partial<ContainerPortDefinition> = {}): ContainerPortDefinition {
  return { name: 'game', protocol: 'udp', port: 7777, hostPort: 0, hostPortRange: null, ...overrides };
}

export function aContainer(overrides: Partial<ContainerDefinition> = {}): ContainerDefinition {
  return {
    name: 'game',
    image: 'my-game:1.0',
    imagePullPolicy: 'IfNotPresent',
    command: ['./run-server'],
    environment: [{ name: 'MODE', value: 'ranked' }],
    requests: { memory: '100Mi', cpu: '100m' },
    limits: { memory: '200Mi', cpu: '200m' },
    ports: [aPort()],
    ...overrides,
  };
}

export function aSpec(overrides: Partial<SpecDefinition> = {}): SpecDefinition {
  return {
    terminationGracePeriodSeconds: 100,
    containers: [aContainer()],
    toleration: '',
    affinity: '',
    ...overrides,
  };
}

export function aForwarder(overrides: Partial<ForwarderDefinition> = {}): ForwarderDefinition {
  return {
    name: 'matchmaker',
    enable: true,
    type: 'gRPC',
    address: '127.0.0.1:9090',
    options: { timeoutMs: 500, metadata: {} },
    ...overrides,
  };
}

export function anAutoscaling(overrides: Partial<AutoscalingDefinition> = {}): AutoscalingDefinition {
  return {
    enabled: true,
    min: 1,
    max: 10,
    cooldownSeconds: 60,
    policy: {
      type: 'roomOccupancy',
      parameters: { roomOccupancy: { readyTarget: 0.5, downThreshold: 0 }, fixedBuffer: null },
    },
    ...overrides,
  };
}

export function aDefinition(overrides: Partial<SchedulerDefinition> = {}): SchedulerDefinition {
  return {
    name: 'zooba-us',
    game: 'zooba',
    maxSurge: '10%',
    roomsReplicas: 2,
    portRange: { start: 40_000, end: 60_000 },
    spec: aSpec(),
    autoscaling: null,
    forwarders: [],
    annotations: {},
    labels: {},
    matchAllocation: null,
    ...overrides,
  };
}
