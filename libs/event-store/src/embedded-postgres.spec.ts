import { type IncomingMessage, type NewEvent } from '@maestro/application';
import { allTopics } from '@maestro/contracts';
import { InMemoryMessageBus } from '@maestro/messaging';
import { EmbeddedPostgres, openDatabase } from '@maestro/persistence';
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { PostgresCheckpointStore } from './checkpoints/postgres-checkpoint-store.adapter';
import { OutboxRelay } from './outbox/outbox-relay';
import { PostgresEventStore } from './postgres/postgres-event-store.adapter';
import { checkpointStoreContract } from './testing/checkpoint-store.contract';
import { eventStoreContract } from './testing/event-store.contract';

// The Postgres adapters on the embedded database (PGlite behind pglite-socket, one pooled
// connection), as unit tests: the same contracts as on real Postgres in the integration tests.

let embedded: EmbeddedPostgres | undefined;
let dataSource: DataSource | undefined;

beforeAll(async () => {
  embedded = await EmbeddedPostgres.start({ inMemory: true });
  dataSource = await openDatabase({ url: embedded.url, poolSize: 1 });
}, 120_000); // PGlite initializes a new database in several seconds on a busy two-core machine

afterAll(async () => {
  await dataSource?.destroy();
  await embedded?.stop();
});

eventStoreContract('PostgresEventStore on the embedded database', () =>
  Promise.resolve(new PostgresEventStore(dataSource!)),
);

checkpointStoreContract('PostgresCheckpointStore on the embedded database', () =>
  Promise.resolve(new PostgresCheckpointStore(dataSource!)),
);

describe('PostgresCheckpointStore on the embedded database, in a consumer transaction', () => {
  it('forgets the checkpoint when the projection update rolls back', async () => {
    const store = new PostgresCheckpointStore(dataSource!);
    await expect(
      dataSource!.transaction(async (manager) => {
        await store.record('worker', 'scheduler:rolled-back', 3, manager);
        expect(await store.lastApplied('worker', 'scheduler:rolled-back', manager)).toBe(3);
        throw new Error('projection update failed');
      }),
    ).rejects.toThrow('projection update failed');
    expect(await store.lastApplied('worker', 'scheduler:rolled-back')).toBe(0);
  });
});

describe('OutboxRelay on the embedded database', () => {
  function newEvent(type: string, scheduler: string): NewEvent {
    return { eventId: randomUUID(), type, schemaVersion: 1, data: {}, metadata: { subject: scheduler } };
  }

  it('claims the appended events with FOR UPDATE SKIP LOCKED, publishes them and empties the outbox', async () => {
    // Earlier tests left events the relay cannot route (no scheduler): start from an empty outbox.
    await dataSource!.query('DELETE FROM outbox');
    const scheduler = `scheduler-${randomUUID()}`;
    const events = [newEvent('RoomCreated', scheduler), newEvent('RoomPinged', scheduler)];
    await new PostgresEventStore(dataSource!).append(`room:${scheduler}:room-1`, 0, events);
    const bus = new InMemoryMessageBus();
    const relay = new OutboxRelay(dataSource!, bus, { log: () => undefined });

    expect(await relay.relayBatch()).toEqual({ claimed: 2, published: 2 });

    const received: IncomingMessage[] = [];
    const subscription = await bus.subscribe({
      groupId: 'reader',
      topics: allTopics,
      fromBeginning: true,
      handleBatch: (messages) => {
        received.push(...messages);
        return Promise.resolve();
      },
    });
    await subscription.waitUntilCaughtUp();
    await subscription.stop();
    expect(received.map((message) => [message.key, message.envelope.id]).sort()).toEqual(
      events.map((event) => [scheduler, event.eventId]).sort(),
    );
    expect(await dataSource!.query('SELECT * FROM outbox')).toEqual([]);
    expect(await relay.relayBatch()).toEqual({ claimed: 0, published: 0 });
  });
});
