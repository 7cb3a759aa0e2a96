import { type SchedulerPatch } from '@maestro/domain';
import { InvalidRequestError } from '../http/invalid-request.error';
import { parsePatchSchedulerRequest } from './patch-scheduler.request';

const parse = (body: unknown) => parsePatchSchedulerRequest(body);
const refusal = (body: unknown): string => {
  try {
    parse(body);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.message;
    throw error;
  }
  return 'accepted';
};

describe('PATCH /schedulers/{name} body', () => {
  it.each<[string, unknown]>([
    ['no body', undefined],
    ['an empty object', {}],
    ['only null fields', { spec: null, maxSurge: null, roomsReplicas: null, forwarders: null, labels: null }],
    [
      'only fields that cannot be patched or are unknown',
      { name: 'other', game: 'g', state: 'in-sync', color: 1 },
    ],
  ])('reads %s as an empty patch', (_case, body) => {
    expect(parse(body)).toStrictEqual({});
  });

  it.each<[string, unknown, SchedulerPatch]>([
    ['the max surge', { maxSurge: '5%' }, { maxSurge: '5%' }],
    ['an empty max surge, as given', { maxSurge: '' }, { maxSurge: '' }],
    ['zero rooms, as given', { roomsReplicas: 0 }, { roomsReplicas: 0 }],
    ['rooms as a string', { rooms_replicas: '4' }, { roomsReplicas: 4 }],
    [
      'the port range, in snake case',
      { port_range: { start: 1, end: 9 } },
      { portRange: { start: 1, end: 9 } },
    ],
    ['an empty spec', { spec: {} }, { spec: {} }],
    [
      'the spec scalars',
      { spec: { termination_grace_period: '30s', toleration: '', affinity: 'dedicated' } },
      { spec: { terminationGracePeriodSeconds: 30, toleration: '', affinity: 'dedicated' } },
    ],
    ['an empty container list', { spec: { containers: [] } }, { spec: { containers: [] } }],
    [
      'container fields, only those given',
      { spec: { containers: [{ image: 'game:2' }, { image_pull_policy: 'Always', command: [] }] } },
      { spec: { containers: [{ image: 'game:2' }, { imagePullPolicy: 'Always', command: [] }] } },
    ],
    [
      'container blocks and lists as the create body reads them',
      {
        spec: {
          containers: [
            {
              name: 'game',
              requests: { memory: '1Gi' },
              limits: { cpu: '1', memory: '2Gi' },
              environment: [
                { name: 'A', value: 'b' },
                { name: 'POD', valueFrom: { field_ref: { field_path: 'metadata.name' } } },
              ],
              ports: [{ name: 'p', protocol: 'udp', port: 7777, host_port_range: { start: 1, end: 2 } }],
            },
          ],
        },
      },
      {
        spec: {
          containers: [
            {
              name: 'game',
              requests: { memory: '1Gi', cpu: '' },
              limits: { memory: '2Gi', cpu: '1' },
              environment: [
                { name: 'A', value: 'b' },
                { name: 'POD', value: '', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              ],
              ports: [
                { name: 'p', protocol: 'udp', port: 7777, hostPort: 0, hostPortRange: { start: 1, end: 2 } },
              ],
            },
          ],
        },
      },
    ],
    ['an empty autoscaling block', { autoscaling: {} }, { autoscaling: {} }],
    [
      'autoscaling fields, only those given',
      { autoscaling: { enabled: false, min: '2', cooldown: 30 } },
      { autoscaling: { enabled: false, min: 2, cooldownSeconds: 30 } },
    ],
    [
      'an autoscaling policy as a whole',
      {
        autoscaling: {
          max: -1,
          policy: { type: 'roomOccupancy', parameters: { room_occupancy: { ready_target: 0.3 } } },
        },
      },
      {
        autoscaling: {
          max: -1,
          policy: {
            type: 'roomOccupancy',
            parameters: { roomOccupancy: { readyTarget: 0.3, downThreshold: 0 }, fixedBuffer: null },
          },
        },
      },
    ],
    [
      'forwarders, with timeouts as strings or numbers',
      {
        forwarders: [
          {
            name: 'a',
            enable: true,
            type: 'gRPC',
            address: 'h:1',
            options: { timeout: '250', metadata: { x: 1 } },
          },
          { name: 'b', options: { timeout: 300 } },
          { name: 'c' },
        ],
      },
      {
        forwarders: [
          {
            name: 'a',
            enable: true,
            type: 'gRPC',
            address: 'h:1',
            options: { timeoutMs: 250, metadata: { x: 1 } },
          },
          { name: 'b', enable: false, type: '', address: '', options: { timeoutMs: 300, metadata: {} } },
          { name: 'c', enable: false, type: '', address: '', options: null },
        ],
      },
    ],
    ['no forwarders, to clear them', { forwarders: [] }, { forwarders: [] }],
    [
      'annotations and labels',
      { annotations: { a: 'b' }, labels: {} },
      { annotations: { a: 'b' }, labels: {} },
    ],
    [
      'the match allocation',
      { match_allocation: { max_matches: 3 } },
      { matchAllocation: { maxMatches: 3 } },
    ],
    [
      'an empty match allocation, as zero matches',
      { matchAllocation: {} },
      { matchAllocation: { maxMatches: 0 } },
    ],
  ])('reads %s', (_case, body, patch) => {
    expect(parse(body)).toStrictEqual(patch);
  });

  it('reads lowerCamelCase and snake_case field names alike', () => {
    expect(
      parse({
        max_surge: '1',
        rooms_replicas: 2,
        spec: { termination_grace_period: '5s', containers: [{ image_pull_policy: 'Never' }] },
        autoscaling: { cooldown: 1 },
      }),
    ).toStrictEqual(
      parse({
        maxSurge: '1',
        roomsReplicas: 2,
        spec: { terminationGracePeriod: '5s', containers: [{ imagePullPolicy: 'Never' }] },
        autoscaling: { cooldown: 1 },
      }),
    );
  });

  it.each<[unknown, string]>([
    [{ maxSurge: 40 }, 'proto: invalid value for string field maxSurge: 40'],
    [{ roomsReplicas: 1.5 }, 'proto: invalid value for int32 field roomsReplicas: 1.5'],
    [{ name: 7 }, 'proto: invalid value for string field name: 7'],
    [{ spec: [] }, 'proto: invalid value for message field spec: []'],
    [
      { spec: { terminationGracePeriod: 100 } },
      'proto: invalid value for google.protobuf.Duration field terminationGracePeriod: 100',
    ],
    [
      { spec: { containers: { image: 'x' } } },
      'proto: invalid value for repeated field containers: {"image":"x"}',
    ],
    [{ spec: { containers: [null] } }, 'proto: invalid value for repeated field containers: [null]'],
    [{ spec: { containers: [{ image: 2 }] } }, 'proto: invalid value for string field image: 2'],
    [
      { spec: { containers: [{ command: 'run' }] } },
      'proto: invalid value for repeated field command: "run"',
    ],
    [{ spec: { containers: [{ requests: { cpu: 1 } }] } }, 'proto: invalid value for string field cpu: 1'],
    [{ autoscaling: { enabled: 'yes' } }, 'proto: invalid value for bool field enabled: "yes"'],
    [{ autoscaling: { cooldown: '10s' } }, 'proto: invalid value for int32 field cooldown: "10s"'],
    [{ forwarders: [{ options: { timeout: 1.5 } }] }, 'proto: invalid value for int64 field timeout: 1.5'],
    [{ labels: { tier: 1 } }, 'proto: invalid value for map field labels: {"tier":1}'],
    [{ maxSurge: '1', max_surge: '2' }, 'proto: duplicate field maxSurge'],
    [['not', 'an', 'object'], 'proto: the request body must be a JSON object'],
  ])('refuses %j: %s', (body, message) => {
    expect(refusal(body)).toBe(message);
  });
});
