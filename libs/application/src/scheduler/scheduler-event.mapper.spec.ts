import { schedulerCreatedV1 } from '@maestro/contracts';
import { type SchedulerDefinition, buildScheduler } from '@maestro/domain';
import {
  parseSchedulerDocument,
  schedulerFromDocument,
  toNewSchedulerEvent,
  toSchedulerDocument,
  toSchedulerEvent,
} from './scheduler-event.mapper';

const definition: SchedulerDefinition = {
  name: 'zooba-us',
  game: 'zooba',
  maxSurge: '10%',
  roomsReplicas: 3,
  portRange: null,
  spec: {
    terminationGracePeriodSeconds: 1.5,
    containers: [
      {
        name: 'game',
        image: 'my-game:1.0',
        imagePullPolicy: 'Always',
        command: ['./run'],
        environment: [{ name: 'SECRET', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
        requests: { memory: '100Mi', cpu: '100m' },
        limits: { memory: '200Mi', cpu: '200m' },
        ports: [
          {
            name: 'game',
            protocol: 'udp',
            port: 7777,
            hostPort: 0,
            hostPortRange: { start: 20_000, end: 20_100 },
          },
        ],
      },
    ],
    toleration: 'game-servers',
    affinity: 'dedicated',
  },
  autoscaling: {
    enabled: true,
    min: 1,
    max: -1,
    cooldownSeconds: 30,
    policy: { type: 'fixedBuffer', parameters: { roomOccupancy: null, fixedBuffer: { amount: 4 } } },
  },
  forwarders: [
    {
      name: 'matchmaker',
      enable: true,
      type: 'gRPC',
      address: '10.0.0.1:9090',
      options: { timeoutMs: 250, metadata: { region: 'us' } },
    },
  ],
  annotations: { team: 'core' },
  labels: { tier: 'gold' },
  matchAllocation: { maxMatches: 3 },
};
const scheduler = buildScheduler(definition, '2026-11-27T10:00:00.000Z');

describe('scheduler documents and events', () => {
  it('publish the whole scheduler under the API field names, durations as numbers', () => {
    const document = toSchedulerDocument(scheduler);
    expect(schedulerCreatedV1.schema.parse(document)).toEqual(document);
    expect(document.spec.terminationGracePeriod).toBe(1.5);
    expect(document.forwarders[0]!.options).toEqual({ timeout: 250, metadata: { region: 'us' } });
    expect(document.autoscaling).toMatchObject({ cooldown: 30, max: -1 });
    expect(document.spec.containers[0]!.ports[0]).toEqual({
      name: 'game',
      protocol: 'udp',
      port: 7777,
      hostPort: 0,
      hostPortRange: { start: 20_000, end: 20_100 },
    });
  });

  it('read back into the same scheduler', () => {
    const stored: unknown = JSON.parse(JSON.stringify(toSchedulerDocument(scheduler)));
    expect(schedulerFromDocument(parseSchedulerDocument(stored), 'creating')).toEqual(scheduler);
  });

  it('carry the scheduler name and the source in the metadata of the appended event', () => {
    const event = toNewSchedulerEvent(
      { type: 'SchedulerCreated', data: scheduler },
      'event-1',
      'maestro/test',
    );
    expect(event).toMatchObject({
      eventId: 'event-1',
      type: 'SchedulerCreated',
      schemaVersion: 1,
      metadata: { subject: 'zooba-us', source: 'maestro/test' },
    });
    expect(toSchedulerEvent(event.type, event.schemaVersion, event.data)).toEqual({
      type: 'SchedulerCreated',
      data: scheduler,
    });
  });

  it('ignore event types and versions they do not know', () => {
    expect(toSchedulerEvent('SchedulerRenamed', 1, {})).toBeUndefined();
    expect(toSchedulerEvent('SchedulerCreated', 2, {})).toBeUndefined();
  });

  it('refuse a stored document that is not a scheduler', () => {
    expect(() => parseSchedulerDocument({ name: 'x' })).toThrow();
  });
});
