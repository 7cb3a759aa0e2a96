import { type Scheduler } from './scheduler';
import {
  type SchedulerCommand,
  type SchedulerCreated,
  type SchedulerEvent,
  type SchedulerStreamState,
  decideScheduler,
  evolveScheduler,
  initialSchedulerStreamState,
} from './scheduler.decider';
import {
  aContainer,
  aDefinition,
  aForwarder,
  anAutoscaling,
  aPort,
  aSpec,
} from './scheduler-definition.fixture';
import { type SchedulerDefinition } from './scheduler-definition';

const at = '2026-11-27T10:00:00.000Z';
const create = (definition: SchedulerDefinition = aDefinition()): SchedulerCommand => ({
  kind: 'CreateScheduler',
  definition,
  at,
});

/** given past events, when a command, then the events it decides (or the error it throws). */
function given(...history: SchedulerEvent[]): {
  state: SchedulerStreamState;
  when: (command: SchedulerCommand) => SchedulerEvent[];
} {
  const state = history.reduce(evolveScheduler, initialSchedulerStreamState);
  return { state, when: (command) => decideScheduler(command, state) };
}

const created = (definition = aDefinition()): SchedulerCreated =>
  given().when(create(definition))[0] as SchedulerCreated;
const createdScheduler = (definition: SchedulerDefinition): Scheduler => created(definition).data;

describe('scheduler decider', () => {
  it('creates a new scheduler at v1.0.0, creating, with the command time as its creation time', () => {
    expect(given().when(create())).toEqual([
      {
        type: 'SchedulerCreated',
        data: {
          name: 'zooba-us',
          game: 'zooba',
          state: 'creating',
          portRange: { start: 40_000, end: 60_000 },
          maxSurge: '10%',
          roomsReplicas: 2,
          spec: {
            version: 'v1.0.0',
            terminationGracePeriodSeconds: 100,
            containers: [
              {
                name: 'game',
                image: 'my-game:1.0',
                imagePullPolicy: 'IfNotPresent',
                command: ['./run-server'],
                environment: [{ name: 'MODE', value: 'ranked' }],
                requests: { memory: '100Mi', cpu: '100m' },
                limits: { memory: '200Mi', cpu: '200m' },
                ports: [{ name: 'game', protocol: 'udp', port: 7777, hostPort: 0 }],
              },
            ],
            toleration: '',
            affinity: '',
          },
          forwarders: [],
          annotations: {},
          labels: {},
          matchAllocation: { maxMatches: 1 },
          createdAt: at,
        },
      },
    ]);
  });

  it('refuses a name that is already taken', () => {
    expect(() => given(created()).when(create())).toThrow(
      'error creating scheduler zooba-us: name already exists',
    );
  });

  it('refuses an invalid definition with Maestro’s message, even when the name is taken', () => {
    expect(() => given(created()).when(create(aDefinition({ game: '' })))).toThrow(
      expect.objectContaining({
        code: 'SchedulerInvalid',
        message: 'Validation Error:\nScheduler.Game: Game is a required field',
      }),
    );
  });

  it('remembers the created scheduler as the active version', () => {
    const { state } = given(created());
    expect(state).toEqual({ exists: true, scheduler: created().data, versions: [created().data] });
  });

  describe('defaults', () => {
    it('gives a forwarder without options a 1000 ms timeout and no metadata', () => {
      const scheduler = createdScheduler(aDefinition({ forwarders: [aForwarder({ options: null })] }));
      expect(scheduler.forwarders[0]!.options).toEqual({ timeoutMs: 1000, metadata: {} });
    });

    it('keeps one match per room unless told otherwise', () => {
      expect(createdScheduler(aDefinition()).matchAllocation).toEqual({ maxMatches: 1 });
      expect(createdScheduler(aDefinition({ matchAllocation: { maxMatches: 4 } })).matchAllocation).toEqual({
        maxMatches: 4,
      });
    });

    it('uses a 0.99 down threshold when the room-occupancy policy gives none', () => {
      const scheduler = createdScheduler(aDefinition({ autoscaling: anAutoscaling() }));
      expect(scheduler.autoscaling).toEqual({
        enabled: true,
        min: 1,
        max: 10,
        cooldownSeconds: 60,
        policy: {
          type: 'roomOccupancy',
          parameters: { roomOccupancy: { readyTarget: 0.5, downThreshold: 0.99 } },
        },
      });
    });

    it('leaves autoscaling out when the definition has none', () => {
      expect(createdScheduler(aDefinition())).not.toHaveProperty('autoscaling');
    });

    it('keeps one source per environment variable, a non-empty value first', () => {
      const environment = [
        { name: 'A', value: 'a', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        {
          name: 'B',
          value: '',
          valueFrom: { secretKeyRef: { name: 's', key: 'k' }, fieldRef: { fieldPath: 'x' } },
        },
        { name: 'C', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'D', value: '' },
      ];
      const scheduler = createdScheduler(
        aDefinition({ spec: aSpec({ containers: [aContainer({ environment })] }) }),
      );
      expect(scheduler.spec.containers[0]!.environment).toEqual([
        { name: 'A', value: 'a' },
        { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
        { name: 'C', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'D' },
      ]);
    });

    it('keeps per-port host port ranges and the host port as given', () => {
      const port = aPort({ hostPort: 5000, hostPortRange: { start: 20_000, end: 20_100 } });
      const scheduler = createdScheduler(
        aDefinition({ portRange: null, spec: aSpec({ containers: [aContainer({ ports: [port] })] }) }),
      );
      expect(scheduler.portRange).toBeNull();
      expect(scheduler.spec.containers[0]!.ports).toEqual([
        {
          name: 'game',
          protocol: 'udp',
          port: 7777,
          hostPort: 5000,
          hostPortRange: { start: 20_000, end: 20_100 },
        },
      ]);
    });
  });
});
