import {
  CreateSchedulerHandler,
  OperationQueueService,
  SchedulerStore,
  SystemClock,
  SystemRandomness,
} from '@maestro/application';
import { PostgresEventStore } from '@maestro/event-store';
import { openDatabase, SchedulerReadModelProjector, SchedulerReadModelQueries } from '@maestro/persistence';
import { createTestDatabase, type TestDatabase } from '@maestro/testing';
import { type DataSource } from 'typeorm';
import { parseCreateSchedulerRequest } from './create-scheduler.request';
import { PostgresSchedulerReadModel } from './postgres-scheduler-read-model.adapter';

let database: TestDatabase;
let dataSource: DataSource;
let handler: CreateSchedulerHandler;
let readModel: PostgresSchedulerReadModel;

beforeAll(async () => {
  database = await createTestDatabase('mgmt_read_model');
  dataSource = await openDatabase({ url: database.url });
  const eventStore = new PostgresEventStore(dataSource, [new SchedulerReadModelProjector()]);
  const randomness = new SystemRandomness();
  const clock = new SystemClock();
  handler = new CreateSchedulerHandler(
    new SchedulerStore(eventStore, randomness, 'maestro/management-api'),
    new OperationQueueService(eventStore, clock, randomness, 'maestro/management-api'),
    clock,
  );
  readModel = new PostgresSchedulerReadModel(new SchedulerReadModelQueries(dataSource));
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

const definition = (name: string, extra: Record<string, unknown> = {}) =>
  parseCreateSchedulerRequest({
    name,
    game: 'pinball',
    maxSurge: '2',
    roomsReplicas: 4,
    spec: {
      terminationGracePeriod: '0.5s',
      containers: [
        {
          name: 'game',
          image: 'pinball:2',
          imagePullPolicy: 'Always',
          requests: { memory: '1Mi', cpu: '1m' },
          limits: { memory: '2Mi', cpu: '2m' },
          ports: [{ name: 'game', protocol: 'udp', port: 7000, hostPortRange: { start: 30000, end: 30100 } }],
        },
      ],
    },
    ...extra,
  });

describe('schedulers on the Postgres event store and read model', () => {
  it('reads a created scheduler back, field for field, as soon as the creation returns', async () => {
    const created = await handler.handle(
      definition('flipper', {
        autoscaling: {
          enabled: true,
          min: 1,
          max: -1,
          policy: { type: 'fixedBuffer', parameters: { fixedBuffer: { amount: 3 } } },
        },
        forwarders: [
          {
            name: 'mm',
            enable: true,
            type: 'gRPC',
            address: 'mm:1',
            options: { timeout: 20, metadata: { a: 1 } },
          },
        ],
        labels: { tier: 'gold' },
      }),
    );
    expect(await readModel.find('flipper')).toEqual(created);
    expect(await readModel.find('flipper', 'v1.0.0')).toEqual(created);
    expect(await readModel.list({ game: 'pinball', version: 'v1.0.0' })).toEqual([created]);
    expect(await readModel.versions('flipper')).toEqual([
      { version: 'v1.0.0', isActive: true, createdAt: created.createdAt },
    ]);
    expect(await readModel.info('pinball')).toEqual([
      {
        name: 'flipper',
        game: 'pinball',
        state: 'creating',
        roomsReplicas: 4,
        roomsReady: 0,
        roomsOccupied: 0,
        roomsPending: 0,
        roomsTerminating: 0,
        autoscaling: { enabled: true, min: 1, max: -1 },
      },
    ]);
  });

  it('queues the event for Kafka with the scheduler name as key and the API as source', async () => {
    await handler.handle(definition('bumper'));
    const rows: { type: string; metadata: Record<string, unknown> }[] = await dataSource.query(
      `SELECT e.type, e.metadata FROM outbox o JOIN events e USING (global_position) WHERE e.stream_id = $1`,
      ['scheduler:bumper'],
    );
    expect(rows).toEqual([
      { type: 'SchedulerCreated', metadata: { subject: 'bumper', source: 'maestro/management-api' } },
    ]);
  });

  it('lets one of two simultaneous creations of a name through, and keeps one row', async () => {
    const outcomes = await Promise.allSettled([
      handler.handle(definition('tilt', { game: 'first' })),
      handler.handle(definition('tilt', { game: 'second' })),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      reason: {
        code: 'SchedulerAlreadyExists',
        message: 'error creating scheduler tilt: name already exists',
      },
    });
    const [row] = await readModel.list({ name: 'tilt' });
    const winner = outcomes.find((outcome) => outcome.status === 'fulfilled');
    expect(row?.game).toBe(winner?.status === 'fulfilled' ? winner.value.game : undefined);
  });
});
