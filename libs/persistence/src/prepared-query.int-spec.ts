import { createTestDatabase, type TestDatabase } from '@maestro/testing';
import { type DataSource, QueryFailedError } from 'typeorm';
import { openDatabase } from './data-source';
import { queryPrepared } from './prepared-query';

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase('prepared_query');
  dataSource = await openDatabase({ url: database.url, poolSize: 2 });
  await dataSource.query('CREATE TABLE named (id INT PRIMARY KEY, label TEXT NOT NULL)');
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

const insert = (id: number, label: string) =>
  queryPrepared<{ id: number; label: string }>(dataSource, {
    name: 'insert-named',
    text: 'INSERT INTO named (id, label) VALUES ($1, $2) RETURNING id, label',
    values: [id, label],
  });

describe('queryPrepared', () => {
  it('runs the same named statement again and again with new values, answering its rows', async () => {
    const answers = [];
    // More runs than the pool has connections: every connection prepares it once.
    for (let id = 1; id <= 5; id++) answers.push(await insert(id, `room-${id}`));
    expect(answers.flat()).toEqual([1, 2, 3, 4, 5].map((id) => ({ id, label: `room-${id}` })));
  });

  it("raises a failure as TypeORM's QueryFailedError with the driver's code and constraint", async () => {
    const failure = await insert(1, 'again').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toMatchObject({
      code: '23505',
      constraint: 'named_pkey',
    });
  });
});
