import { type SchedulerDefinition } from './scheduler-definition';
import {
  aContainer,
  aDefinition,
  aForwarder,
  anAutoscaling,
  aPort,
  aSpec,
} from './scheduler-definition.fixture';
import { applySchedulerPatch, isEmptyPatch, type SchedulerPatch } from './scheduler-patch';
import { validateSchedulerDefinition } from './scheduler-validation';

const game = aContainer();
const sidecar = aContainer({
  name: 'sidecar',
  image: 'proxy:3',
  command: ['proxy'],
  environment: [],
  ports: [aPort({ name: 'proxy', port: 9000 })],
});
const current: SchedulerDefinition = aDefinition({
  spec: aSpec({ containers: [game, sidecar], toleration: 'game-servers', affinity: 'dedicated' }),
  autoscaling: anAutoscaling(),
  forwarders: [aForwarder(), aForwarder({ name: 'analytics' })],
  annotations: { 'example.com/owner': 'core', team: 'rooms' },
  labels: { tier: 'gold', region: 'us' },
  matchAllocation: { maxMatches: 2 },
});

const patched = (patch: SchedulerPatch) => applySchedulerPatch(current, patch);

describe('scheduler patch', () => {
  it.each<[string, SchedulerPatch, Partial<SchedulerDefinition>]>([
    ['the max surge', { maxSurge: '3' }, { maxSurge: '3' }],
    ['the rooms replicas', { roomsReplicas: 0 }, { roomsReplicas: 0 }],
    ['the port range', { portRange: { start: 1000, end: 2000 } }, { portRange: { start: 1000, end: 2000 } }],
    [
      'the forwarders, as a whole list',
      { forwarders: [aForwarder({ address: '10.0.0.1:1' })] },
      { forwarders: [aForwarder({ address: '10.0.0.1:1' })] },
    ],
    ['the forwarders, to none', { forwarders: [] }, { forwarders: [] }],
    [
      'the annotations, as a whole map',
      { annotations: { team: 'infra' } },
      { annotations: { team: 'infra' } },
    ],
    ['the labels, as a whole map', { labels: {} }, { labels: {} }],
    ['the match allocation', { matchAllocation: { maxMatches: 5 } }, { matchAllocation: { maxMatches: 5 } }],
  ])('replaces %s and keeps everything else', (_field, patch, changed) => {
    expect(patched(patch)).toStrictEqual({ ...current, ...changed });
  });

  it.each<[string, SchedulerPatch['spec'], Partial<SchedulerDefinition['spec']>]>([
    [
      'the termination grace period',
      { terminationGracePeriodSeconds: 30 },
      { terminationGracePeriodSeconds: 30 },
    ],
    ['the toleration', { toleration: '' }, { toleration: '' }],
    ['the affinity', { affinity: 'other' }, { affinity: 'other' }],
    ['nothing, for an empty spec', {}, {}],
    ['nothing, for an empty container list', { containers: [] }, {}],
  ])('in the spec, replaces %s and keeps the containers', (_field, spec, changed) => {
    expect(patched({ spec })).toStrictEqual({ ...current, spec: { ...current.spec, ...changed } });
  });

  it.each<
    [string, NonNullable<SchedulerPatch['spec']>['containers'], SchedulerDefinition['spec']['containers']]
  >([
    ['its image alone', [{ image: 'my-game:2.0' }], [{ ...game, image: 'my-game:2.0' }, sidecar]],
    [
      'its name and pull policy',
      [{ name: 'server', imagePullPolicy: 'Always' }],
      [{ ...game, name: 'server', imagePullPolicy: 'Always' }, sidecar],
    ],
    [
      'its command, as a whole list',
      [{ command: ['./other'] }],
      [{ ...game, command: ['./other'] }, sidecar],
    ],
    ['its command, to none', [{ command: [] }], [{ ...game, command: [] }, sidecar]],
    [
      'its environment, as a whole list',
      [{ environment: [{ name: 'OTHER', value: '1' }] }],
      [{ ...game, environment: [{ name: 'OTHER', value: '1' }] }, sidecar],
    ],
    [
      'its requests and limits, as whole blocks',
      [{ requests: { memory: '1Gi', cpu: '' }, limits: { memory: '2Gi', cpu: '1' } }],
      [{ ...game, requests: { memory: '1Gi', cpu: '' }, limits: { memory: '2Gi', cpu: '1' } }, sidecar],
    ],
    [
      'its ports, as a whole list',
      [{ ports: [aPort({ name: 'tcp', protocol: 'tcp' })] }],
      [{ ...game, ports: [aPort({ name: 'tcp', protocol: 'tcp' })] }, sidecar],
    ],
    ['the second one, by position', [{}, { image: 'proxy:4' }], [game, { ...sidecar, image: 'proxy:4' }]],
  ])('patches a container field by field: %s', (_case, containers, expected) => {
    expect(patched({ spec: { containers } })).toStrictEqual({
      ...current,
      spec: { ...current.spec, containers: expected },
    });
  });

  it('adds a container for an entry beyond the last, empty where the patch says nothing', () => {
    const result = patched({ spec: { containers: [{}, {}, { name: 'metrics', image: 'exporter:1' }] } });
    expect(result.spec.containers).toStrictEqual([
      game,
      sidecar,
      {
        name: 'metrics',
        image: 'exporter:1',
        imagePullPolicy: '',
        command: [],
        environment: [],
        requests: { memory: '', cpu: '' },
        limits: { memory: '', cpu: '' },
        ports: [],
      },
    ]);
    expect(validateSchedulerDefinition(result)).toStrictEqual({
      valid: false,
      message: [
        'Validation Error:',
        'Scheduler.Spec.Containers[2].ImagePullPolicy: ImagePullPolicy is a required field',
        'Scheduler.Spec.Containers[2].Requests.Memory: Memory is a required field',
        'Scheduler.Spec.Containers[2].Requests.CPU: CPU is a required field',
        'Scheduler.Spec.Containers[2].Limits.Memory: Memory is a required field',
        'Scheduler.Spec.Containers[2].Limits.CPU: CPU is a required field',
      ].join('\n'),
    });
  });

  it.each<[string, SchedulerPatch['autoscaling'], Partial<NonNullable<SchedulerDefinition['autoscaling']>>]>([
    ['enabled', { enabled: false }, { enabled: false }],
    ['min', { min: 3 }, { min: 3 }],
    ['max', { max: -1 }, { max: -1 }],
    ['cooldown', { cooldownSeconds: 0 }, { cooldownSeconds: 0 }],
    [
      'the policy, as a whole',
      { policy: { type: 'fixedBuffer', parameters: { roomOccupancy: null, fixedBuffer: { amount: 2 } } } },
      { policy: { type: 'fixedBuffer', parameters: { roomOccupancy: null, fixedBuffer: { amount: 2 } } } },
    ],
    ['nothing, for an empty block', {}, {}],
  ])('merges autoscaling field by field: %s', (_field, autoscaling, changed) => {
    expect(patched({ autoscaling })).toStrictEqual({
      ...current,
      autoscaling: { ...current.autoscaling!, ...changed },
    });
  });

  it('merges autoscaling into an empty block when the scheduler has none, for validation to judge', () => {
    const result = applySchedulerPatch(aDefinition(), { autoscaling: { enabled: true, min: 1, max: 5 } });
    expect(result.autoscaling).toStrictEqual({
      enabled: true,
      min: 1,
      max: 5,
      cooldownSeconds: 0,
      policy: { type: '', parameters: { roomOccupancy: null, fixedBuffer: null } },
    });
    expect(validateSchedulerDefinition(result)).toMatchObject({ valid: false });
  });

  it('combines changes to several parts at once and leaves the current definition as it was', () => {
    const before = structuredClone(current);
    const result = patched({
      maxSurge: '1',
      spec: { toleration: 'x', containers: [{ image: 'my-game:3' }] },
      autoscaling: { min: 2 },
      labels: { tier: 'silver' },
    });
    expect(result).toStrictEqual({
      ...current,
      maxSurge: '1',
      spec: { ...current.spec, toleration: 'x', containers: [{ ...game, image: 'my-game:3' }, sidecar] },
      autoscaling: { ...current.autoscaling!, min: 2 },
      labels: { tier: 'silver' },
    });
    expect(current).toStrictEqual(before);
  });

  it.each<[string, boolean, SchedulerPatch]>([
    ['no field', true, {}],
    ['only fields left undefined', true, { maxSurge: undefined, spec: undefined }],
    ['an empty spec', false, { spec: {} }],
    ['an empty autoscaling block', false, { autoscaling: {} }],
    ['no forwarders', false, { forwarders: [] }],
    ['no labels', false, { labels: {} }],
    ['zero rooms', false, { roomsReplicas: 0 }],
    ['the current max surge', false, { maxSurge: current.maxSurge }],
  ])('a patch with %s is empty: %s', (_case, empty, patch) => {
    expect(isEmptyPatch(patch)).toBe(empty);
  });
});
