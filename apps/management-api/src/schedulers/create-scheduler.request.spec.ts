import { InvalidRequestError } from '../http/invalid-request.error';
import { parseCreateSchedulerRequest } from './create-scheduler.request';

const parse = (body: unknown) => parseCreateSchedulerRequest(body);
const refusal = (body: unknown): string => {
  try {
    parse(body);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.message;
    throw error;
  }
  return 'accepted';
};

describe('POST /schedulers body', () => {
  it('reads lowerCamelCase and snake_case field names alike', () => {
    const camel = parse({ roomsReplicas: 3, maxSurge: '1', portRange: { start: 1, end: 2 } });
    const snake = parse({ rooms_replicas: 3, max_surge: '1', port_range: { start: 1, end: 2 } });
    expect(snake).toEqual(camel);
    expect(camel).toMatchObject({ roomsReplicas: 3, maxSurge: '1', portRange: { start: 1, end: 2 } });
    const nested = parse({
      spec: {
        termination_grace_period: '5s',
        containers: [{ image_pull_policy: 'Always', ports: [{ host_port_range: { start: 1, end: 9 } }] }],
      },
      match_allocation: { max_matches: 2 },
      autoscaling: {
        policy: { parameters: { room_occupancy: { ready_target: 0.4, down_threshold: '0.8' } } },
      },
    });
    expect(nested.spec.terminationGracePeriodSeconds).toBe(5);
    expect(nested.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'Always',
      ports: [{ hostPortRange: { start: 1, end: 9 } }],
    });
    expect(nested.matchAllocation).toEqual({ maxMatches: 2 });
    expect(nested.autoscaling?.policy.parameters.roomOccupancy).toEqual({
      readyTarget: 0.4,
      downThreshold: 0.8,
    });
  });

  it('ignores fields it does not know, and the server-managed ones', () => {
    expect(
      parse({ name: 'a', state: 'in-sync', version: 'v9.0.0', color: 'blue', spec: { version: 'v3.0.0' } }),
    ).toEqual(parse({ name: 'a' }));
  });

  it('takes absent and null fields as their zero values, and absent blocks as absent', () => {
    expect(parse(undefined)).toEqual({
      name: '',
      game: '',
      maxSurge: '',
      roomsReplicas: 0,
      portRange: null,
      spec: { terminationGracePeriodSeconds: 0, containers: [], toleration: '', affinity: '' },
      autoscaling: null,
      forwarders: [],
      annotations: {},
      labels: {},
      matchAllocation: null,
    });
    expect(parse({ name: null, forwarders: null, labels: null, spec: null })).toEqual(parse({}));
  });

  it('reads a container without requests or limits as empty quantities, for validation to name', () => {
    expect(parse({ spec: { containers: [{ name: 'game' }] } }).spec.containers[0]).toEqual({
      name: 'game',
      image: '',
      imagePullPolicy: '',
      command: [],
      environment: [],
      requests: { memory: '', cpu: '' },
      limits: { memory: '', cpu: '' },
      ports: [],
    });
  });

  it('reads durations in protobuf form', () => {
    const grace = (terminationGracePeriod: string) =>
      parse({ spec: { terminationGracePeriod } }).spec.terminationGracePeriodSeconds;
    expect(grace('100s')).toBe(100);
    expect(grace('1.5s')).toBe(1.5);
    expect(grace('0.000000015s')).toBeCloseTo(0.000000015, 12);
    expect(refusal({ spec: { terminationGracePeriod: '315576000001s' } })).toBe(
      'proto: invalid value for google.protobuf.Duration field terminationGracePeriod: "315576000001s"',
    );
    expect(refusal({ spec: { terminationGracePeriod: '100' } })).toBe(
      'proto: invalid value for google.protobuf.Duration field terminationGracePeriod: "100"',
    );
  });

  it('reads integers given as numbers or strings, and int64 forwarder timeouts', () => {
    const body = parse({ roomsReplicas: '7', forwarders: [{ name: 'f', options: { timeout: '250' } }] });
    expect(body.roomsReplicas).toBe(7);
    expect(body.forwarders[0]?.options).toEqual({ timeoutMs: 250, metadata: {} });
    expect(parse({ forwarders: [{ name: 'f' }] }).forwarders[0]?.options).toBeNull();
  });

  it('refuses a value of the wrong JSON type, naming the field', () => {
    expect(refusal({ maxSurge: 40 })).toBe('proto: invalid value for string field maxSurge: 40');
    expect(refusal({ roomsReplicas: 1.5 })).toBe('proto: invalid value for int32 field roomsReplicas: 1.5');
    expect(refusal({ roomsReplicas: 2 ** 31 })).toBe(
      'proto: invalid value for int32 field roomsReplicas: 2147483648',
    );
    expect(refusal({ forwarders: [{ enable: 'yes' }] })).toBe(
      'proto: invalid value for bool field enable: "yes"',
    );
    expect(refusal({ spec: { containers: { name: 'x' } } })).toBe(
      'proto: invalid value for repeated field containers: {"name":"x"}',
    );
    expect(refusal({ labels: { tier: 1 } })).toBe('proto: invalid value for map field labels: {"tier":1}');
    expect(refusal({ portRange: [1, 2] })).toBe('proto: invalid value for message field portRange: [1,2]');
    expect(refusal({ name: 'a', name_: 'b', roomsReplicas: 1, rooms_replicas: 2 })).toBe(
      'proto: duplicate field roomsReplicas',
    );
    expect(refusal(['not', 'an', 'object'])).toBe('proto: the request body must be a JSON object');
  });

  it('keeps annotations, labels and forwarder metadata as given', () => {
    const body = parse({
      annotations: { 'example.com/owner': 'core' },
      labels: { tier: 'gold' },
      forwarders: [{ options: { timeout: 1, metadata: { region: 'us', weight: 2 } } }],
    });
    expect(body.annotations).toEqual({ 'example.com/owner': 'core' });
    expect(body.labels).toEqual({ tier: 'gold' });
    expect(body.forwarders[0]?.options?.metadata).toEqual({ region: 'us', weight: 2 });
  });
});
