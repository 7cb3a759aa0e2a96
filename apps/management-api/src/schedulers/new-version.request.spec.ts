import { validateSchedulerDefinition } from '@maestro/domain';
import { InvalidRequestError } from '../http/invalid-request.error';
import { parseCreateSchedulerRequest } from './create-scheduler.request';
import { parseNewVersionRequest } from './new-version.request';

const container = {
  name: 'game',
  image: 'game:2',
  imagePullPolicy: 'IfNotPresent',
  requests: { memory: '1Gi', cpu: '1' },
  limits: { memory: '1Gi', cpu: '1' },
  ports: [{ name: 'game', protocol: 'udp', port: 7777 }],
};
const body = {
  name: 'zooba-us',
  game: 'zooba',
  maxSurge: '10%',
  rooms_replicas: 3,
  port_range: { start: 40000, end: 60000 },
  spec: { terminationGracePeriod: '100s', containers: [container] },
  forwarders: [{ name: 'mm', enable: true, type: 'gRPC', address: 'h:1', options: { timeout: '250' } }],
  annotations: { a: 'b' },
  labels: { tier: 'gold' },
  matchAllocation: { maxMatches: 2 },
};

describe('POST /schedulers/{name} body', () => {
  it('reads the same fields as the create body', () => {
    expect(parseNewVersionRequest('zooba-us', body)).toStrictEqual(parseCreateSchedulerRequest(body));
  });

  it.each<[string, unknown]>([
    ['another name', { ...body, name: 'other' }],
    ['no name', { ...body, name: undefined }],
    ['nothing in it', undefined],
  ])('takes the name from the path, given a body with %s', (_case, given) => {
    expect(parseNewVersionRequest('zooba-us', given).name).toBe('zooba-us');
  });

  it('keeps an absent port range absent, so per-port host port ranges can be used', () => {
    const perPort = {
      ...body,
      port_range: undefined,
      spec: {
        ...body.spec,
        containers: [
          { ...container, ports: [{ ...container.ports[0], hostPortRange: { start: 1, end: 9 } }] },
        ],
      },
    };
    const definition = parseNewVersionRequest('zooba-us', perPort);
    expect(definition.portRange).toBeNull();
    expect(validateSchedulerDefinition(definition)).toEqual({ valid: true });
  });

  it('refuses a value of the wrong JSON type as the create body does', () => {
    expect(() => parseNewVersionRequest('zooba-us', { ...body, maxSurge: 40 })).toThrow(
      new InvalidRequestError('proto: invalid value for string field maxSurge: 40'),
    );
    expect(() => parseNewVersionRequest('zooba-us', { name: 5 })).toThrow(
      new InvalidRequestError('proto: invalid value for string field name: 5'),
    );
  });
});
