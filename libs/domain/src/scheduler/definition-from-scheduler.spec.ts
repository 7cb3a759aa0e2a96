import { definitionFromScheduler } from './definition-from-scheduler';
import { type Scheduler } from './scheduler';
import { buildScheduler } from './scheduler-defaults';
import { type SchedulerDefinition } from './scheduler-definition';
import {
  aContainer,
  aDefinition,
  aForwarder,
  anAutoscaling,
  aPort,
  aSpec,
} from './scheduler-definition.fixture';
import { validateSchedulerDefinition } from './scheduler-validation';

const createdAt = '2026-11-27T10:00:00.000Z';

describe('definition from a stored scheduler', () => {
  it.each<[string, SchedulerDefinition]>([
    ['a plain scheduler', aDefinition()],
    [
      'room-occupancy autoscaling with the default down threshold',
      aDefinition({ autoscaling: anAutoscaling() }),
    ],
    [
      'fixed-buffer autoscaling, disabled',
      aDefinition({
        autoscaling: anAutoscaling({
          enabled: false,
          max: -1,
          cooldownSeconds: 0,
          policy: { type: 'fixedBuffer', parameters: { roomOccupancy: null, fixedBuffer: { amount: 3 } } },
        }),
      }),
    ],
    [
      'forwarders with and without options',
      aDefinition({
        forwarders: [
          aForwarder({ options: { timeoutMs: 250, metadata: { region: 'us', weights: [1, 2] } } }),
          aForwarder({ name: 'defaults', enable: false, options: null }),
        ],
      }),
    ],
    [
      'per-port host port ranges',
      aDefinition({
        portRange: null,
        spec: aSpec({
          containers: [
            aContainer({
              ports: [
                aPort({ hostPortRange: { start: 10_000, end: 11_000 } }),
                aPort({
                  name: 'query',
                  protocol: 'tcp',
                  port: 8080,
                  hostPort: 30_000,
                  hostPortRange: { start: 1, end: 9 },
                }),
              ],
            }),
          ],
        }),
      }),
    ],
    [
      'environment variables from every source',
      aDefinition({
        spec: aSpec({
          containers: [
            aContainer({
              environment: [
                { name: 'PLAIN', value: 'x' },
                { name: 'POD', value: '', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'SECRET', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } },
                { name: 'EMPTY', value: '' },
              ],
            }),
            aContainer({ name: 'sidecar', command: [], ports: [] }),
          ],
          toleration: 'game-servers',
          affinity: 'dedicated',
        }),
      }),
    ],
    [
      'annotations, labels and several matches per room',
      aDefinition({
        annotations: { 'example.com/owner': 'core' },
        labels: { tier: 'gold' },
        matchAllocation: { maxMatches: 4 },
      }),
    ],
  ])('%s: building its definition again gives the stored scheduler back', (_case, definition) => {
    const stored = buildScheduler(definition, createdAt);
    const roundTripped = definitionFromScheduler(stored);
    expect(validateSchedulerDefinition(roundTripped)).toEqual({ valid: true });
    expect(buildScheduler(roundTripped, stored.createdAt)).toStrictEqual(stored);
  });

  it('keeps a later version apart from the server-managed fields', () => {
    const stored: Scheduler = {
      ...buildScheduler(aDefinition({ autoscaling: anAutoscaling() }), createdAt),
      state: 'in-sync',
      spec: { ...buildScheduler(aDefinition(), createdAt).spec, version: 'v3.2.0' },
    };
    const rebuilt = buildScheduler(definitionFromScheduler(stored), '2027-01-01T00:00:00.000Z');
    expect(rebuilt).toStrictEqual({
      ...stored,
      state: 'creating',
      spec: { ...stored.spec, version: 'v1.0.0' },
      createdAt: '2027-01-01T00:00:00.000Z',
    });
  });
});
