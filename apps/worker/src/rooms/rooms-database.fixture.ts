import { type NewEvent } from '@maestro/application';
import { roomCreatedV1, roomDeletedV1 } from '@maestro/contracts';
import { PostgresEventStore } from '@maestro/event-store';
import { openDatabase } from '@maestro/persistence';
import { createTestDatabase, type TestDatabase } from '@maestro/testing';
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { RoomsProjection } from './rooms.projection';

export interface RoomsDatabase {
  readonly dataSource: DataSource;
  /** The event store as the worker runs it: the rooms projection inline. */
  readonly store: PostgresEventStore;
}

/**
 * A database of the suite's own with the project's migrations and the worker's event store, opened
 * before the suite's tests and dropped after them. Read its fields inside tests and hooks.
 */
export function roomsDatabase(name: string): RoomsDatabase {
  let database: TestDatabase | undefined;
  let opened: RoomsDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(name);
    const dataSource = await openDatabase({ url: database.url, poolSize: 2 });
    opened = { dataSource, store: new PostgresEventStore(dataSource, [new RoomsProjection()]) };
  });
  afterAll(async () => {
    await opened?.dataSource.destroy();
    await database?.drop();
  });
  const current = (): RoomsDatabase => {
    if (!opened) throw new Error('the rooms database is open only within the suite’s tests');
    return opened;
  };
  return {
    get dataSource() {
      return current().dataSource;
    },
    get store() {
      return current().store;
    },
  };
}

/** An event about a room of `schedulerName`, as the worker appends it. */
export function roomEvent(schedulerName: string, type: string, data: Record<string, unknown>): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { subject: schedulerName, source: 'maestro/worker' },
  };
}

export function roomCreated(schedulerName: string, roomId: string): NewEvent {
  return roomEvent(schedulerName, roomCreatedV1.type, {
    schedulerName,
    roomId,
    version: 'v1.0.0',
    ports: [{ containerName: 'game', name: 'game', protocol: 'udp', containerPort: 7777, hostPort: 30_001 }],
    isValidationRoom: false,
    createdAt: '2026-12-01T00:00:00.000Z',
  });
}

export function roomDeleted(schedulerName: string, roomId: string): NewEvent {
  return roomEvent(schedulerName, roomDeletedV1.type, {
    schedulerName,
    roomId,
    reason: 'scale_down',
    deletedAt: '2026-12-01T00:02:00.000Z',
  });
}
