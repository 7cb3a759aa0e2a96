import { type Scheduler, buildScheduler } from '@maestro/domain';
import { SchedulerQueries } from './scheduler-queries.handler';
import {
  type SchedulerFilter,
  type SchedulerInfo,
  SchedulerReadModel,
  type SchedulerVersionSummary,
} from './scheduler-read-model.port';

const scheduler = buildScheduler(
  {
    name: 'zooba-us',
    game: 'zooba',
    maxSurge: '1',
    roomsReplicas: 1,
    portRange: { start: 1000, end: 2000 },
    spec: {
      terminationGracePeriodSeconds: 30,
      containers: [
        {
          name: 'game',
          image: 'img',
          imagePullPolicy: 'Never',
          command: [],
          environment: [],
          requests: { memory: '1Mi', cpu: '1m' },
          limits: { memory: '1Mi', cpu: '1m' },
          ports: [],
        },
      ],
      toleration: '',
      affinity: '',
    },
    autoscaling: null,
    forwarders: [],
    annotations: {},
    labels: {},
    matchAllocation: null,
  },
  '2026-11-27T10:00:00.000Z',
);

/** Holds one scheduler with one version. */
class OneSchedulerReadModel extends SchedulerReadModel {
  list(filter: SchedulerFilter): Promise<Scheduler[]> {
    return Promise.resolve(filter.game === undefined || filter.game === scheduler.game ? [scheduler] : []);
  }

  find(name: string, version?: string): Promise<Scheduler | undefined> {
    const found = name === scheduler.name && (version ?? 'v1.0.0') === 'v1.0.0';
    return Promise.resolve(found ? scheduler : undefined);
  }

  versions(name: string): Promise<SchedulerVersionSummary[] | undefined> {
    return Promise.resolve(
      name === scheduler.name
        ? [{ version: 'v1.0.0', isActive: true, createdAt: scheduler.createdAt }]
        : undefined,
    );
  }

  info(): Promise<SchedulerInfo[]> {
    return Promise.resolve([]);
  }
}

describe('scheduler queries', () => {
  const queries = new SchedulerQueries(new OneSchedulerReadModel());

  it('find a scheduler by name, and by name and version', async () => {
    await expect(queries.get('zooba-us')).resolves.toBe(scheduler);
    await expect(queries.get('zooba-us', 'v1.0.0')).resolves.toBe(scheduler);
  });

  it('answer "scheduler <name> not found" for an unknown scheduler or version', async () => {
    await expect(queries.get('nope')).rejects.toMatchObject({
      code: 'SchedulerNotFound',
      message: 'scheduler nope not found',
    });
    await expect(queries.get('zooba-us', 'v9.0.0')).rejects.toMatchObject({
      code: 'SchedulerNotFound',
      message: 'scheduler zooba-us not found',
    });
  });

  it('list the versions of a known scheduler and refuse an unknown one', async () => {
    await expect(queries.versions('zooba-us')).resolves.toEqual([
      { version: 'v1.0.0', isActive: true, createdAt: '2026-11-27T10:00:00.000Z' },
    ]);
    await expect(queries.versions('nope')).rejects.toMatchObject({ code: 'SchedulerNotFound' });
  });

  it('answer an unmatched list filter with an empty list', async () => {
    await expect(queries.list({ game: 'other' })).resolves.toEqual([]);
  });
});
