import {
  Clock,
  CreateSchedulerHandler,
  OperationQueueService,
  Randomness,
  SchedulerError,
  SchedulerStore,
} from '@maestro/application';
import { type SchedulerDefinition } from '@maestro/domain';
import { InMemoryEventStore } from '@maestro/event-store';
import { parseCreateSchedulerRequest } from './create-scheduler.request';

// The handler lives in libs/application; it is exercised here, where the event store's in-memory
// twin may be imported (application code may depend on no adapter, not even in its tests).

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-27T10:00:00.000Z');
  }
}

class CountingRandomness extends Randomness {
  private issued = 0;

  uuid(): string {
    this.issued += 1;
    return `00000000-0000-4000-8000-${String(this.issued).padStart(12, '0')}`;
  }

  fraction(): number {
    return 0.5;
  }
}

const definition = (overrides: Record<string, unknown> = {}): SchedulerDefinition =>
  parseCreateSchedulerRequest({
    name: 'zooba-us',
    game: 'zooba',
    maxSurge: '10%',
    roomsReplicas: 2,
    portRange: { start: 40000, end: 60000 },
    spec: {
      terminationGracePeriod: '100s',
      containers: [
        {
          name: 'game',
          image: 'my-game:1.0',
          imagePullPolicy: 'IfNotPresent',
          requests: { memory: '100Mi', cpu: '100m' },
          limits: { memory: '200Mi', cpu: '200m' },
          ports: [{ name: 'game', protocol: 'udp', port: 7777 }],
        },
      ],
    },
    ...overrides,
  });

describe('creating a scheduler', () => {
  let eventStore: InMemoryEventStore;
  let handler: CreateSchedulerHandler;

  beforeEach(() => {
    eventStore = new InMemoryEventStore();
    const clock = new FixedClock();
    const randomness = new CountingRandomness();
    const source = 'maestro/management-api';
    handler = new CreateSchedulerHandler(
      new SchedulerStore(eventStore, randomness, source),
      new OperationQueueService(eventStore, clock, randomness, source),
      clock,
    );
  });

  it('answers with the scheduler, creating at v1.0.0, created now', async () => {
    const scheduler = await handler.handle(definition());
    expect(scheduler).toMatchObject({
      name: 'zooba-us',
      state: 'creating',
      spec: { version: 'v1.0.0' },
      createdAt: '2026-11-27T10:00:00.000Z',
    });
  });

  it('records SchedulerCreated v1 in the scheduler’s stream, keyed and sourced for Kafka', async () => {
    await handler.handle(definition());
    const [event, ...others] = await eventStore.readStream('scheduler:zooba-us');
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      eventId: '00000000-0000-4000-8000-000000000001',
      type: 'SchedulerCreated',
      schemaVersion: 1,
      metadata: { subject: 'zooba-us', source: 'maestro/management-api' },
      data: { name: 'zooba-us', spec: { version: 'v1.0.0', terminationGracePeriod: 100 } },
    });
  });

  it('refuses a second scheduler with the same name', async () => {
    await handler.handle(definition());
    const duplicate = handler.handle(definition({ game: 'other' }));
    await expect(duplicate).rejects.toEqual(
      new SchedulerError('SchedulerAlreadyExists', 'error creating scheduler zooba-us: name already exists'),
    );
    expect(await eventStore.readStream('scheduler:zooba-us')).toHaveLength(1);
  });

  it('lets exactly one of two simultaneous creations of a name through', async () => {
    const outcomes = await Promise.allSettled([handler.handle(definition()), handler.handle(definition())]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      reason: { code: 'SchedulerAlreadyExists' },
    });
  });

  it('refuses an invalid scheduler with Maestro’s message and records nothing', async () => {
    await expect(handler.handle(definition({ game: '' }))).rejects.toMatchObject({
      code: 'SchedulerInvalid',
      message: 'Validation Error:\nScheduler.Game: Game is a required field',
    });
    expect(await eventStore.readAll(0n, 10)).toEqual([]);
  });
});
