import { createTestDatabase, type TestDatabase } from '@maestro/testing';
import { type DataSource } from 'typeorm';
import { openDatabase } from '../data-source';
import { OperationsReadModelProjector } from './operations-read-model.projector';
import { OperationsReadModelQueries } from './operations-read-model.queries';
import { type ProjectedSchedulerEvent } from './scheduler-read-model.projector';

let database: TestDatabase;
let dataSource: DataSource;
const projector = new OperationsReadModelProjector();
let queries: OperationsReadModelQueries;

beforeAll(async () => {
  database = await createTestDatabase('operations_read_model');
  dataSource = await openDatabase({ url: database.url });
  queries = new OperationsReadModelQueries(dataSource);
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (second: number) => `2026-11-28T10:00:${String(second).padStart(2, '0')}.000Z`;
const event = (type: string, data: Record<string, unknown>): ProjectedSchedulerEvent => ({
  type,
  schemaVersion: 1,
  streamVersion: 1,
  data: { schedulerName: 'arena', ...data },
});
const project = (...events: ProjectedSchedulerEvent[]) =>
  dataSource.transaction((manager) => projector.apply(events, manager));

describe('operations read model (real Postgres)', () => {
  beforeAll(async () => {
    for (let n = 1; n <= 4; n++) {
      await project(
        event('OperationCreated', {
          operationId: id(n),
          definitionName: 'switch_active_version',
          input: { newActiveVersion: `v1.${n}.0` },
          createdAt: at(n),
        }),
      );
    }
    await project(
      event('OperationStarted', { operationId: id(1), startedAt: at(10) }),
      event('OperationProgressed', {
        operationId: id(1),
        entries: [{ createdAt: at(11), event: 'working' }],
      }),
      event('OperationFinished', { operationId: id(1), status: 'finished', entries: [], finishedAt: at(12) }),
      event('OperationFinished', { operationId: id(2), status: 'canceled', entries: [], finishedAt: at(13) }),
      event('OperationStarted', { operationId: id(3), startedAt: at(14) }),
    );
  });

  it('lists operations by stage, newest first by default, with the total', async () => {
    const pending = await queries.list('arena', 'pending', 'desc');
    expect(pending.rows.map((row) => row.id)).toEqual([id(4)]);
    const active = await queries.list('arena', 'active', 'desc');
    expect(active.rows.map((row) => [row.id, row.status])).toEqual([[id(3), 'in_progress']]);
    const final = await queries.list('arena', 'final', 'asc', { number: 1, size: 1 });
    expect(final.total).toBe(2);
    expect(final.rows.map((row) => row.id)).toEqual([id(1)]);
    const secondPage = await queries.list('arena', 'final', 'asc', { number: 2, size: 1 });
    expect(secondPage.rows.map((row) => row.id)).toEqual([id(2)]);
    expect((await queries.list('other', 'final', 'desc')).total).toBe(0);
  });

  it('keeps the whole execution history of an operation, in order', async () => {
    const row = await queries.find('arena', id(1));
    expect(row?.input).toEqual({ newActiveVersion: 'v1.1.0' });
    expect(row?.executionHistory).toEqual([
      { createdAt: at(1), event: 'Created' },
      { createdAt: at(10), event: 'Starting operation' },
      { createdAt: at(11), event: 'working' },
      { createdAt: at(12), event: 'Operation finished' },
    ]);
    expect(await queries.find('arena', 'not-a-uuid')).toBeUndefined();
    expect(await queries.find('other', id(1))).toBeUndefined();
  });

  it('names the schedulers whose queues still hold pending or running operations', async () => {
    expect(await queries.schedulersWithOpenOperations()).toEqual(['arena']);
  });
});
