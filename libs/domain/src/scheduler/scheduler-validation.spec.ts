import { portRangeConfigurationMessages } from './port-range-configuration';
import { type SchedulerDefinition } from './scheduler-definition';
import {
  aContainer,
  aDefinition,
  aForwarder,
  anAutoscaling,
  aPort,
  aSpec,
} from './scheduler-definition.fixture';
import { isKubernetesName, isMaxSurgeValid, validateSchedulerDefinition } from './scheduler-validation';

/** The 400 message Maestro would answer with, or `valid`. */
function verdict(definition: SchedulerDefinition): string {
  const result = validateSchedulerDefinition(definition);
  return result.valid ? 'valid' : result.message;
}

const withContainer = (container: Parameters<typeof aContainer>[0]) =>
  aDefinition({ spec: aSpec({ containers: [aContainer(container)] }) });
const withPort = (port: Parameters<typeof aPort>[0]) => withContainer({ ports: [aPort(port)] });
const withPolicy = (
  type: string,
  parameters: NonNullable<SchedulerDefinition['autoscaling']>['policy']['parameters'],
) => aDefinition({ autoscaling: anAutoscaling({ policy: { type, parameters } }) });

describe('scheduler validation', () => {
  it('accepts a complete scheduler', () => {
    expect(verdict(aDefinition())).toBe('valid');
  });

  describe('scheduler fields', () => {
    it('requires a name', () => {
      expect(verdict(aDefinition({ name: '' }))).toBe(
        'Validation Error:\nScheduler.Name: Name is a required field',
      );
    });

    it('requires the name to be an RFC 1123 label', () => {
      for (const name of ['Zooba', 'zooba_us', '-zooba', 'zooba-', 'z'.repeat(64)]) {
        expect(verdict(aDefinition({ name }))).toBe(
          'Validation Error:\nScheduler.Name: Name must follow the public RFC 1123 about naming conventions',
        );
      }
    });

    it('requires a game', () => {
      expect(verdict(aDefinition({ game: '' }))).toBe(
        'Validation Error:\nScheduler.Game: Game is a required field',
      );
    });

    it('refuses a negative number of rooms', () => {
      expect(verdict(aDefinition({ roomsReplicas: -1 }))).toBe(
        'Validation Error:\nScheduler.RoomsReplicas: RoomsReplicas must be 0 or greater',
      );
      expect(verdict(aDefinition({ roomsReplicas: 0 }))).toBe('valid');
    });

    it('requires a max surge', () => {
      expect(verdict(aDefinition({ maxSurge: '' }))).toBe(
        'Validation Error:\nScheduler.MaxSurge: MaxSurge is a required field',
      );
    });

    it('requires the max surge to be a positive count or a percentage', () => {
      for (const maxSurge of ['0', '-1', 'ten', '10 %', '1.5', '%']) {
        expect(verdict(aDefinition({ maxSurge }))).toBe(
          "Validation Error:\nScheduler.MaxSurge: MaxSurge must be a number greater than zero or a number greater than zero with suffix '%'",
        );
      }
    });

    it('refuses a port range that does not go up', () => {
      expect(verdict(aDefinition({ portRange: { start: 5000, end: 5000 } }))).toBe(
        'Validation Error:\nScheduler.PortRange.Start: Start must be less than End\nScheduler.PortRange.End: End must be greater than Start',
      );
    });

    it('keeps matches per room between 1 and 35', () => {
      expect(verdict(aDefinition({ matchAllocation: { maxMatches: 0 } }))).toBe(
        'Validation Error:\nScheduler.MatchAllocation.MaxMatches: MaxMatches must be 1 or greater',
      );
      expect(verdict(aDefinition({ matchAllocation: { maxMatches: 36 } }))).toBe(
        'Validation Error:\nScheduler.MatchAllocation.MaxMatches: MaxMatches must be 35 or less',
      );
      expect(verdict(aDefinition({ matchAllocation: { maxMatches: 35 } }))).toBe('valid');
    });

    it('lists every failed field at once, in Maestro order', () => {
      const empty = aDefinition({
        name: '',
        game: '',
        maxSurge: '',
        portRange: null,
        spec: aSpec({ terminationGracePeriodSeconds: 0, containers: [] }),
      });
      expect(verdict(empty)).toBe(
        [
          'Validation Error:',
          'Scheduler.Name: Name is a required field',
          'Scheduler.Game: Game is a required field',
          'Scheduler.Spec.TerminationGracePeriod: TerminationGracePeriod must be greater than 0',
          'Scheduler.Spec.Containers: Containers is a required field',
          'Scheduler.MaxSurge: MaxSurge is a required field',
        ].join('\n'),
      );
    });
  });

  describe('spec and containers', () => {
    it('requires a termination grace period greater than zero', () => {
      expect(verdict(aDefinition({ spec: aSpec({ terminationGracePeriodSeconds: 0 }) }))).toBe(
        'Validation Error:\nScheduler.Spec.TerminationGracePeriod: TerminationGracePeriod must be greater than 0',
      );
    });

    it('requires at least one container', () => {
      expect(verdict(aDefinition({ spec: aSpec({ containers: [] }) }))).toBe(
        'Validation Error:\nScheduler.Spec.Containers: Containers is a required field',
      );
    });

    it('requires a container name that is an RFC 1123 label', () => {
      expect(verdict(withContainer({ name: '' }))).toBe(
        'Validation Error:\nScheduler.Spec.Containers[0].Name: Name is a required field',
      );
      expect(verdict(withContainer({ name: 'Game' }))).toBe(
        'Validation Error:\nScheduler.Spec.Containers[0].Name: Name must follow the public RFC 1123 about naming conventions',
      );
    });

    it('requires an image', () => {
      expect(verdict(withContainer({ image: '' }))).toBe(
        'Validation Error:\nScheduler.Spec.Containers[0].Image: Image is a required field',
      );
    });

    it('requires a known image pull policy', () => {
      expect(verdict(withContainer({ imagePullPolicy: '' }))).toBe(
        'Validation Error:\nScheduler.Spec.Containers[0].ImagePullPolicy: ImagePullPolicy is a required field',
      );
      expect(verdict(withContainer({ imagePullPolicy: 'IfNotExists' }))).toBe(
        'Validation Error:\nScheduler.Spec.Containers[0].ImagePullPolicy: ImagePullPolicy must be one of the following options: Always, Never, IfNotPresent',
      );
    });

    it('accepts a container without a command', () => {
      expect(verdict(withContainer({ command: [] }))).toBe('valid');
    });

    it('requires a name for every environment variable', () => {
      expect(
        verdict(
          withContainer({
            environment: [
              { name: 'A', value: 'a' },
              { name: '', value: 'b' },
            ],
          }),
        ),
      ).toBe('Validation Error:\nScheduler.Spec.Containers[0].Environment[1].Name: Name is a required field');
    });

    it('requires memory and cpu in both requests and limits', () => {
      expect(
        verdict(withContainer({ requests: { memory: '', cpu: '' }, limits: { memory: '1Gi', cpu: '' } })),
      ).toBe(
        [
          'Validation Error:',
          'Scheduler.Spec.Containers[0].Requests.Memory: Memory is a required field',
          'Scheduler.Spec.Containers[0].Requests.CPU: CPU is a required field',
          'Scheduler.Spec.Containers[0].Limits.CPU: CPU is a required field',
        ].join('\n'),
      );
    });
  });

  describe('container ports', () => {
    it('requires a port name of at most 15 characters', () => {
      expect(verdict(withPort({ name: '' }))).toBe(
        'Validation Error:\nScheduler.Spec.Containers[0].Ports[0].Name: Name is a required field',
      );
      expect(verdict(withPort({ name: 'a-very-long-port' }))).toBe(
        'Validation Error:\nScheduler.Spec.Containers[0].Ports[0].Name: Name must be a maximum of 15 characters in length',
      );
    });

    it('requires a lowercase tcp, udp or sctp protocol', () => {
      expect(verdict(withPort({ protocol: '' }))).toBe(
        'Validation Error:\nScheduler.Spec.Containers[0].Ports[0].Protocol: Protocol is a required field',
      );
      expect(verdict(withPort({ protocol: 'TCP' }))).toBe(
        'Validation Error:\nScheduler.Spec.Containers[0].Ports[0].Protocol: Protocol must be one of the following options: tcp, udp, sctp',
      );
    });

    it('requires a container port between 1 and 65535', () => {
      expect(verdict(withPort({ port: 0 }))).toBe(
        'Validation Error:\nScheduler.Spec.Containers[0].Ports[0].Port: Port is a required field',
      );
      expect(verdict(withPort({ port: -2 }))).toBe(
        'Validation Error:\nScheduler.Spec.Containers[0].Ports[0].Port: Port must be 1 or greater',
      );
      expect(verdict(withPort({ port: 65_536 }))).toBe(
        'Validation Error:\nScheduler.Spec.Containers[0].Ports[0].Port: Port must be 65535 or less',
      );
    });

    it('refuses a per-port host port range that does not go up', () => {
      const definition = aDefinition({
        portRange: null,
        spec: aSpec({
          containers: [aContainer({ ports: [aPort({ hostPortRange: { start: 9, end: 3 } })] })],
        }),
      });
      expect(verdict(definition)).toBe(
        [
          'Validation Error:',
          'Scheduler.Spec.Containers[0].Ports[0].HostPortRange.Start: Start must be less than End',
          'Scheduler.Spec.Containers[0].Ports[0].HostPortRange.End: End must be greater than Start',
        ].join('\n'),
      );
    });
  });

  describe('port range configuration', () => {
    const perPort = aPort({ hostPortRange: { start: 20_000, end: 21_000 } });

    it('accepts per-port host port ranges instead of a scheduler range', () => {
      const definition = aDefinition({
        portRange: null,
        spec: aSpec({ containers: [aContainer({ ports: [perPort, { ...perPort, name: 'voice' }] })] }),
      });
      expect(verdict(definition)).toBe('valid');
    });

    it('requires a scheduler port range or host port ranges', () => {
      expect(verdict(aDefinition({ portRange: null }))).toBe(portRangeConfigurationMessages.none);
      expect(portRangeConfigurationMessages.none).toBe(
        'must configure scheduler.PortRange or scheduler.Spec.Container.Ports.HostPortRange',
      );
    });

    it('refuses both kinds of range at once', () => {
      const definition = aDefinition({ spec: aSpec({ containers: [aContainer({ ports: [perPort] })] }) });
      expect(verdict(definition)).toBe(portRangeConfigurationMessages.both);
    });

    it('requires a host port range on every port when there is no scheduler range', () => {
      const definition = aDefinition({
        portRange: null,
        spec: aSpec({ containers: [aContainer({ ports: [perPort, aPort({ name: 'voice' })] })] }),
      });
      expect(verdict(definition)).toBe(portRangeConfigurationMessages.incomplete);
      expect(portRangeConfigurationMessages.incomplete).toBe(
        'must configure HostPortRange for all scheduler.Spec.Container.Ports',
      );
    });

    it('is judged only once every field is valid', () => {
      expect(verdict(aDefinition({ portRange: null, game: '' }))).toBe(
        'Validation Error:\nScheduler.Game: Game is a required field',
      );
    });
  });

  describe('forwarders', () => {
    it('requires a name, a gRPC type and an address', () => {
      expect(verdict(aDefinition({ forwarders: [aForwarder({ name: '', type: '', address: '' })] }))).toBe(
        [
          'Validation Error:',
          'Scheduler.Forwarders[0].Name: Name is a required field',
          'Scheduler.Forwarders[0].ForwardType: ForwardType is a required field',
          'Scheduler.Forwarders[0].Address: Address is a required field',
        ].join('\n'),
      );
      expect(verdict(aDefinition({ forwarders: [aForwarder({ type: 'http' })] }))).toBe(
        'Validation Error:\nScheduler.Forwarders[0].ForwardType: ForwardType must be one of the following options: gRPC',
      );
    });

    it('requires a positive timeout when options are given, and none without them', () => {
      expect(
        verdict(aDefinition({ forwarders: [aForwarder({ options: { timeoutMs: 0, metadata: {} } })] })),
      ).toBe('Validation Error:\nScheduler.Forwarders[0].Options.Timeout: Timeout is a required field');
      expect(
        verdict(aDefinition({ forwarders: [aForwarder({ options: { timeoutMs: -5, metadata: {} } })] })),
      ).toBe('Validation Error:\nScheduler.Forwarders[0].Options.Timeout: Timeout must be 1 or greater');
      expect(verdict(aDefinition({ forwarders: [aForwarder({ options: null })] }))).toBe('valid');
    });
  });

  describe('autoscaling', () => {
    it('accepts both policies with their parameters', () => {
      expect(verdict(aDefinition({ autoscaling: anAutoscaling() }))).toBe('valid');
      expect(verdict(withPolicy('fixedBuffer', { roomOccupancy: null, fixedBuffer: { amount: 5 } }))).toBe(
        'valid',
      );
    });

    it('requires min to be at least 1', () => {
      expect(verdict(aDefinition({ autoscaling: anAutoscaling({ min: 0 }) }))).toBe(
        'Validation Error:\nAutoscaling.Min: Min must be 1 or greater',
      );
    });

    it('requires min to be at most max, unless max is -1', () => {
      expect(verdict(aDefinition({ autoscaling: anAutoscaling({ min: 5, max: 3 }) }))).toBe(
        'Validation Error:\nAutoscaling.Min: Min must be a number lower than Max',
      );
      expect(verdict(aDefinition({ autoscaling: anAutoscaling({ min: 5, max: 5 }) }))).toBe('valid');
      expect(verdict(aDefinition({ autoscaling: anAutoscaling({ min: 5, max: -1 }) }))).toBe('valid');
    });

    it('refuses a max below -1', () => {
      expect(verdict(aDefinition({ autoscaling: anAutoscaling({ max: -2 }) }))).toBe(
        'Validation Error:\nAutoscaling.Min: Min must be a number lower than Max\nAutoscaling.Max: Max must be -1 or greater',
      );
    });

    it('refuses a negative cooldown', () => {
      expect(verdict(aDefinition({ autoscaling: anAutoscaling({ cooldownSeconds: -1 }) }))).toBe(
        'Validation Error:\nAutoscaling.Cooldown: Cooldown must be 0 or greater',
      );
    });

    it('requires a known policy type', () => {
      expect(verdict(withPolicy('', { roomOccupancy: null, fixedBuffer: null }))).toBe(
        'Validation Error:\nAutoscaling.Policy.Type: Type must be one of [roomOccupancy fixedBuffer]',
      );
    });

    it('requires the parameters of the chosen policy', () => {
      expect(verdict(withPolicy('roomOccupancy', { roomOccupancy: null, fixedBuffer: { amount: 2 } }))).toBe(
        'Validation Error:\nAutoscaling.Policy.RoomOccupancy: RoomOccupancy must not be nil for RoomOccupancy policy type',
      );
      expect(
        verdict(
          withPolicy('fixedBuffer', {
            roomOccupancy: { readyTarget: 0.5, downThreshold: 0 },
            fixedBuffer: null,
          }),
        ),
      ).toBe(
        'Validation Error:\nAutoscaling.Policy.FixedBuffer: FixedBuffer must not be nil for FixedBuffer policy type',
      );
    });

    it('keeps the ready target and the down threshold strictly between 0 and 1', () => {
      const occupancy = (readyTarget: number, downThreshold: number) =>
        verdict(
          withPolicy('roomOccupancy', { roomOccupancy: { readyTarget, downThreshold }, fixedBuffer: null }),
        );
      const namespace = 'Autoscaling.Policy.Parameters.RoomOccupancy';
      expect(occupancy(0, 0)).toBe(
        `Validation Error:\n${namespace}.ReadyTarget: ReadyTarget must be greater than 0`,
      );
      expect(occupancy(1, 0)).toBe(
        `Validation Error:\n${namespace}.ReadyTarget: ReadyTarget must be less than 1`,
      );
      expect(occupancy(0.5, 1)).toBe(
        `Validation Error:\n${namespace}.DownThreshold: DownThreshold must be less than 1`,
      );
      expect(occupancy(0.5, -0.1)).toBe(
        `Validation Error:\n${namespace}.DownThreshold: DownThreshold must be greater than 0`,
      );
      expect(occupancy(0.5, 0.9)).toBe('valid');
    });

    it('requires a positive fixed buffer', () => {
      expect(verdict(withPolicy('fixedBuffer', { roomOccupancy: null, fixedBuffer: { amount: 0 } }))).toBe(
        'Validation Error:\nAutoscaling.Policy.Parameters.FixedBuffer.Amount: Amount must be greater than 0',
      );
    });

    it('is reported alone, before the rest of the scheduler is looked at', () => {
      expect(verdict(aDefinition({ name: '', autoscaling: anAutoscaling({ min: 0 }) }))).toBe(
        'Validation Error:\nAutoscaling.Min: Min must be 1 or greater',
      );
    });
  });

  describe('rules shared with other checks', () => {
    it('reads max surge as Maestro does', () => {
      expect(['1', '+3', '25%', '0%', '-5%'].every(isMaxSurgeValid)).toBe(true);
      expect(['0', '', '9223372036854775808', '1e3'].some(isMaxSurgeValid)).toBe(false);
    });

    it('reads Kubernetes names as RFC 1123 labels', () => {
      expect(['a', 'room-1', '9lives', 'a'.repeat(63)].every(isKubernetesName)).toBe(true);
      expect(['', 'A', 'a.b', 'a-', '-a', 'a'.repeat(64)].some(isKubernetesName)).toBe(false);
    });
  });
});
