import { openDatabase } from '@maestro/persistence';
import { createTestDatabase, type TestDatabase } from '@maestro/testing';
import { type DataSource } from 'typeorm';
import { checkpointStoreContract } from '../testing/checkpoint-store.contract';
import { PostgresCheckpointStore } from './postgres-checkpoint-store.adapter';

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase('checkpoints');
  dataSource = await openDatabase({ url: database.url });
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

checkpointStoreContract('PostgresCheckpointStore on real Postgres', () =>
  Promise.resolve(new PostgresCheckpointStore(dataSource)),
);

describe('PostgresCheckpointStore in a consumer transaction', () => {
  it('commits the checkpoint together with the projection update', async () => {
    const store = new PostgresCheckpointStore(dataSource);
    await dataSource.transaction(async (manager) => {
      await store.record('worker', 'scheduler:committed', 3, manager);
      expect(await store.lastApplied('worker', 'scheduler:committed', manager)).toBe(3);
    });
    expect(await store.lastApplied('worker', 'scheduler:committed')).toBe(3);
  });

  it('forgets the checkpoint when the projection update rolls back, so the event is applied again', async () => {
    const store = new PostgresCheckpointStore(dataSource);
    await expect(
      dataSource.transaction(async (manager) => {
        await store.record('worker', 'scheduler:rolled-back', 3, manager);
        throw new Error('projection update failed');
      }),
    ).rejects.toThrow('projection update failed');
    expect(await store.lastApplied('worker', 'scheduler:rolled-back')).toBe(0);
  });
});
