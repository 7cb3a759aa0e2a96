import {
  type EventEnvelope,
  roomAddressAssignedV1,
  roomCreatedV1,
  roomDeletedV1,
  schedulerCreatedV1,
  topics,
} from '@maestro/contracts';
import { type Forwarder } from '@maestro/domain';
import { type InMemoryMessageBus } from '@maestro/messaging';
import { randomUUID } from 'node:crypto';

/** Test events of the shapes the rooms API folds: schedulers, rooms and their addresses. */

function envelope(type: string, subject: string, data: Record<string, unknown>): EventEnvelope {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    source: 'maestro/test',
    subject,
    time: '2026-11-27T10:00:00.000Z',
    data,
  };
}

export function aForwarder(overrides: Partial<Forwarder> = {}): Forwarder {
  return {
    name: 'matchmaker',
    enable: true,
    type: 'gRPC',
    address: 'matchmaker.test:9090',
    options: { timeoutMs: 500, metadata: {} },
    ...overrides,
  };
}

export function schedulerCreated(
  name: string,
  game: string,
  forwarders: readonly Forwarder[],
): EventEnvelope {
  return envelope(schedulerCreatedV1.type, name, {
    name,
    game,
    portRange: { start: 20_000, end: 21_000 },
    maxSurge: '10%',
    roomsReplicas: 1,
    spec: {
      version: 'v1.0.0',
      terminationGracePeriod: 100,
      containers: [
        {
          name: 'game',
          image: 'my-game:1.0',
          imagePullPolicy: 'IfNotPresent',
          command: ['./run'],
          environment: [],
          requests: { memory: '100Mi', cpu: '100m' },
          limits: { memory: '200Mi', cpu: '200m' },
          ports: [{ name: 'clientPort', protocol: 'udp', port: 7777, hostPort: 0 }],
        },
      ],
      toleration: '',
      affinity: '',
    },
    autoscaling: null,
    forwarders: forwarders.map((forwarder) => ({
      name: forwarder.name,
      enable: forwarder.enable,
      type: forwarder.type,
      address: forwarder.address,
      options: { timeout: forwarder.options.timeoutMs, metadata: forwarder.options.metadata },
    })),
    annotations: {},
    labels: {},
    matchAllocation: { maxMatches: 1 },
    createdAt: '2026-11-27T10:00:00.000Z',
  });
}

export function roomCreated(
  schedulerName: string,
  roomId: string,
  { isValidationRoom = false, hostPort = 20_001 } = {},
): EventEnvelope {
  return envelope(roomCreatedV1.type, schedulerName, {
    schedulerName,
    roomId,
    version: 'v1.0.0',
    ports: [{ containerName: 'game', name: 'clientPort', protocol: 'udp', containerPort: 7777, hostPort }],
    isValidationRoom,
    createdAt: '2026-11-27T10:00:00.000Z',
  });
}

export function roomAddressAssigned(schedulerName: string, roomId: string, host: string): EventEnvelope {
  return envelope(roomAddressAssignedV1.type, schedulerName, {
    schedulerName,
    roomId,
    host,
    ports: [{ name: 'clientPort', protocol: 'udp', port: 20_001 }],
    assignedAt: '2026-11-27T10:00:05.000Z',
  });
}

export function roomDeleted(schedulerName: string, roomId: string): EventEnvelope {
  return envelope(roomDeletedV1.type, schedulerName, {
    schedulerName,
    roomId,
    reason: 'scale_down',
    deletedAt: '2026-11-27T10:01:00.000Z',
  });
}

export async function publishTo(bus: InMemoryMessageBus, ...envelopes: EventEnvelope[]): Promise<void> {
  await bus.publish(
    envelopes.map((event) => ({
      topic: event.type === schedulerCreatedV1.type ? topics.schedulerEvents : topics.roomEvents,
      key: event.subject,
      envelope: event,
    })),
  );
}
