import { type IncomingMessage, type NewEvent } from '@maestro/application';
import { allTopics } from '@maestro/contracts';
import { InMemoryMessageBus } from '@maestro/messaging';
import { EmbeddedPostgres, openDatabase } from '@maestro/persistence';
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { PostgresEventStore } from '../postgres/postgres-event-store.adapter';
import { OutboxRelay } from './outbox-relay';
import { republishRelayedHistory } from './relayed-history';

// On the embedded database (a unit test): the SQL is the same as on a server.

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

function newEvent(type: string, scheduler: string): NewEvent {
  return { eventId: randomUUID(), type, schemaVersion: 1, data: {}, metadata: { subject: scheduler } };
}

async function everything(bus: InMemoryMessageBus): Promise<IncomingMessage[]> {
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
  return received;
}

describe('republishRelayedHistory', () => {
  it('publishes again, in order, what the relay published, and leaves the outbox to the relay', async () => {
    const store = new PostgresEventStore(dataSource!);
    const scheduler = `scheduler-${randomUUID()}`;
    const relayed = [
      newEvent('RoomCreated', scheduler),
      newEvent('RoomCreated', scheduler),
      newEvent('RoomPinged', scheduler),
    ];
    await store.append(`room:${scheduler}:room-1`, 0, relayed);
    const firstRun = new InMemoryMessageBus();
    await new OutboxRelay(dataSource!, firstRun, { log: () => undefined }).relayBatch();
    const pending = newEvent('RoomCreated', scheduler);
    await store.append(`room:${scheduler}:room-2`, 0, [pending]);

    // A restart: the bus of the new process is empty.
    const afterRestart = new InMemoryMessageBus();
    expect(await republishRelayedHistory(dataSource!, afterRestart, { pageSize: 2 })).toBe(3);

    const received = await everything(afterRestart);
    expect(received.map((message) => message.envelope.id)).toEqual(relayed.map((event) => event.eventId));
    expect(received.map((message) => message.key)).toEqual([scheduler, scheduler, scheduler]);
    expect(received.map((message) => message.envelope)).toEqual(
      (await everything(firstRun)).map((message) => message.envelope),
    );
  });
});
