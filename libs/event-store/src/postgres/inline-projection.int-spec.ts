import { type NewEvent, type RecordedEvent, VersionConflictError } from '@maestro/application';
import { openDatabase } from '@maestro/persistence';
import { createTestDatabase, type TestDatabase } from '@maestro/testing';
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { type PostgresInlineProjection } from './inline-projection';
import { PostgresEventStore } from './postgres-event-store.adapter';

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase('inline_projection');
  dataSource = await openDatabase({ url: database.url });
  await dataSource.query(
    'CREATE TABLE scheduler_summaries (stream_id TEXT PRIMARY KEY, events INTEGER NOT NULL, last_type TEXT NOT NULL)',
  );
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

/** A read model counting each stream's events, the way a real inline projection writes its table. */
const summaries: PostgresInlineProjection = {
  name: 'scheduler-summaries',
  apply: async (events, manager) => {
    for (const event of events) {
      await manager.query(
        `INSERT INTO scheduler_summaries (stream_id, events, last_type) VALUES ($1, 1, $2)
         ON CONFLICT (stream_id) DO UPDATE
           SET events = scheduler_summaries.events + 1, last_type = EXCLUDED.last_type`,
        [event.streamId, event.type],
      );
    }
  },
};

const failing: PostgresInlineProjection = {
  name: 'failing',
  apply: () => Promise.reject(new Error('read model constraint violated')),
};

function event(type: string): NewEvent {
  return { eventId: randomUUID(), type, schemaVersion: 1, data: {}, metadata: { subject: 'my-scheduler' } };
}

async function summaryOf(streamId: string): Promise<{ events: number; last_type: string } | undefined> {
  const rows = await dataSource.query<{ events: number; last_type: string }[]>(
    'SELECT events, last_type FROM scheduler_summaries WHERE stream_id = $1',
    [streamId],
  );
  return rows[0];
}

async function outboxSize(): Promise<number> {
  const rows = await dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM outbox');
  return rows[0].n;
}

describe('PostgresEventStore inline projections', () => {
  it('update their read model in the append transaction, so a read right after the append sees it', async () => {
    const streamId = `scheduler:${randomUUID()}`;
    const seen: { events: RecordedEvent[]; insideTransaction: number; outsideTransaction: number }[] = [];
    const observer: PostgresInlineProjection = {
      name: 'observer',
      apply: async (events, manager) => {
        const count = 'SELECT count(*)::int AS n FROM events WHERE stream_id = $1';
        const inside = await manager.query<[{ n: number }]>(count, [streamId]);
        const outside = await dataSource.query<[{ n: number }]>(count, [streamId]);
        seen.push({ events: [...events], insideTransaction: inside[0].n, outsideTransaction: outside[0].n });
      },
    };
    const store = new PostgresEventStore(dataSource, [summaries, observer]);

    const result = await store.append(streamId, 0, [
      event('SchedulerCreated'),
      event('SchedulerVersionCreated'),
    ]);

    expect(await summaryOf(streamId)).toEqual({ events: 2, last_type: 'SchedulerVersionCreated' });
    expect(seen).toHaveLength(1);
    // The projection runs before the commit: it sees the new events, nobody else does yet.
    expect(seen[0]!.insideTransaction).toBe(2);
    expect(seen[0]!.outsideTransaction).toBe(0);
    expect(seen[0]!.events.map((e) => [e.streamVersion, e.globalPosition])).toEqual([
      [1, result.globalPositions[0]],
      [2, result.globalPositions[1]],
    ]);
  });

  it('undo the whole append when one of them fails: no event, no outbox row, no read-model change', async () => {
    const streamId = `scheduler:${randomUUID()}`;
    const store = new PostgresEventStore(dataSource, [summaries, failing]);
    const outboxBefore = await outboxSize();

    await expect(store.append(streamId, 0, [event('SchedulerCreated')])).rejects.toThrow(
      'read model constraint violated',
    );

    expect(await store.readStream(streamId)).toEqual([]);
    expect(await outboxSize()).toBe(outboxBefore);
    expect(await summaryOf(streamId)).toBeUndefined();
  });

  it('are not applied for an append that loses a version conflict', async () => {
    const streamId = `scheduler:${randomUUID()}`;
    const store = new PostgresEventStore(dataSource, [summaries]);
    await store.append(streamId, 0, [event('SchedulerCreated')]);

    await expect(store.append(streamId, 0, [event('SchedulerCreated')])).rejects.toBeInstanceOf(
      VersionConflictError,
    );

    expect(await summaryOf(streamId)).toEqual({ events: 1, last_type: 'SchedulerCreated' });
  });
});
