import { type Container, type ContainerPort, type Scheduler } from './scheduler';
import { isMajorChange } from './scheduler-change';
import { buildScheduler } from './scheduler-defaults';
import { aDefinition, aForwarder, anAutoscaling } from './scheduler-definition.fixture';

const active: Scheduler = buildScheduler(
  aDefinition({
    autoscaling: anAutoscaling(),
    forwarders: [aForwarder({ options: { timeoutMs: 500, metadata: { region: 'us', tags: ['a', 'b'] } } })],
    annotations: { 'example.com/owner': 'core', team: 'rooms' },
    labels: { tier: 'gold' },
  }),
  '2026-11-27T10:00:00.000Z',
);

const withSpec = (spec: Partial<Scheduler['spec']>): Scheduler => ({
  ...active,
  spec: { ...active.spec, ...spec },
});
const withContainer = (container: Partial<Container>): Scheduler =>
  withSpec({ containers: [{ ...active.spec.containers[0]!, ...container }] });
const withPort = (port: Partial<ContainerPort>): Scheduler =>
  withContainer({ ports: [{ ...active.spec.containers[0]!.ports[0]!, ...port }] });
const withForwarder = (forwarder: Partial<Scheduler['forwarders'][number]>): Scheduler => ({
  ...active,
  forwarders: [{ ...active.forwarders[0]!, ...forwarder }],
});

describe('major or minor change', () => {
  it.each<[string, Scheduler]>([
    ['changing nothing', { ...active }],
    ['changing the name', { ...active, name: 'zooba-eu' }],
    ['changing the game', { ...active, game: 'other-game' }],
    ['changing the state', { ...active, state: 'in-sync' }],
    ['changing the creation time', { ...active, createdAt: '2027-01-01T00:00:00.000Z' }],
    ['changing the version', withSpec({ version: 'v7.3.0' })],
    ['changing the max surge', { ...active, maxSurge: '50%' }],
    ['changing the rooms replicas', { ...active, roomsReplicas: 40 }],
    ['changing the autoscaling block', { ...active, autoscaling: { ...active.autoscaling!, max: 99 } }],
    ['removing autoscaling', (({ autoscaling: _autoscaling, ...rest }) => rest)(active)],
    ['changing the match allocation', { ...active, matchAllocation: { maxMatches: 5 } }],
    ['changing a container port host port', withPort({ hostPort: 45_000 })],
    ['leaving out a container port host port', withPort({ hostPort: undefined })],
    [
      'reordering the keys of annotations and forwarder metadata',
      {
        ...active,
        annotations: { team: 'rooms', 'example.com/owner': 'core' },
        forwarders: [
          {
            ...active.forwarders[0]!,
            options: { metadata: { tags: ['a', 'b'], region: 'us' }, timeoutMs: 500 },
          },
        ],
      },
    ],
  ])('%s makes a minor change', (_change, candidate) => {
    expect(isMajorChange(active, candidate)).toBe(false);
  });

  it.each<[string, Scheduler]>([
    ['changing the termination grace period', withSpec({ terminationGracePeriodSeconds: 30 })],
    ['changing the toleration', withSpec({ toleration: 'game-servers' })],
    ['changing the affinity', withSpec({ affinity: 'dedicated-node' })],
    ['changing a container image', withContainer({ image: 'my-game:2.0' })],
    ['changing a container name', withContainer({ name: 'server' })],
    ['changing a container image pull policy', withContainer({ imagePullPolicy: 'Always' })],
    ['changing a container command', withContainer({ command: ['./run-server', '--fast'] })],
    ['reordering a container command', withContainer({ command: ['b', 'a'] })],
    [
      'changing a container environment value',
      withContainer({ environment: [{ name: 'MODE', value: 'casual' }] }),
    ],
    [
      'changing a container environment source',
      withContainer({
        environment: [{ name: 'MODE', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      }),
    ],
    ['changing container requests', withContainer({ requests: { memory: '100Mi', cpu: '150m' } })],
    ['changing container limits', withContainer({ limits: { memory: '300Mi', cpu: '200m' } })],
    ['changing a container port number', withPort({ port: 8000 })],
    ['changing a container port name', withPort({ name: 'other' })],
    ['changing a container port protocol', withPort({ protocol: 'tcp' })],
    ['changing a container port host port range', withPort({ hostPortRange: { start: 1000, end: 2000 } })],
    [
      'adding a container port',
      withContainer({ ports: [...active.spec.containers[0]!.ports, active.spec.containers[0]!.ports[0]!] }),
    ],
    [
      'adding a container',
      withSpec({
        containers: [...active.spec.containers, { ...active.spec.containers[0]!, name: 'sidecar' }],
      }),
    ],
    ['changing the port range', { ...active, portRange: { start: 40_000, end: 50_000 } }],
    ['removing the port range', { ...active, portRange: null }],
    ['changing a forwarder address', withForwarder({ address: '10.0.0.1:9090' })],
    ['changing a forwarder enablement', withForwarder({ enable: false })],
    [
      'changing a forwarder timeout',
      withForwarder({ options: { timeoutMs: 900, metadata: active.forwarders[0]!.options.metadata } }),
    ],
    [
      'changing forwarder metadata',
      withForwarder({ options: { timeoutMs: 500, metadata: { region: 'eu', tags: ['a', 'b'] } } }),
    ],
    [
      'reordering a list in forwarder metadata',
      withForwarder({ options: { timeoutMs: 500, metadata: { region: 'us', tags: ['b', 'a'] } } }),
    ],
    ['removing forwarders', { ...active, forwarders: [] }],
    ['changing an annotation', { ...active, annotations: { ...active.annotations, team: 'infra' } }],
    ['adding an annotation', { ...active, annotations: { ...active.annotations, extra: 'yes' } }],
    ['changing a label', { ...active, labels: { tier: 'silver' } }],
    ['removing labels', { ...active, labels: {} }],
  ])('%s makes a major change', (_change, candidate) => {
    expect(isMajorChange(active, candidate)).toBe(true);
    expect(isMajorChange(candidate, active)).toBe(true);
  });

  it('judges the relevant part even when minor fields change at the same time', () => {
    expect(isMajorChange(active, { ...withContainer({ image: 'my-game:2.0' }), roomsReplicas: 9 })).toBe(
      true,
    );
    expect(isMajorChange(active, { ...active, roomsReplicas: 9, maxSurge: '1', state: 'in-sync' })).toBe(
      false,
    );
  });
});
