import { randomUUID } from 'node:crypto';
import { type CheckpointStore } from '../checkpoints/checkpoint-store.port';

/**
 * Behaviour every CheckpointStore adapter must have: the in-memory twin runs it as a unit test, the
 * Postgres adapter as an integration test.
 */
export function checkpointStoreContract(name: string, createStore: () => Promise<CheckpointStore>): void {
  describe(`${name} (CheckpointStore contract)`, () => {
    let store: CheckpointStore;
    const consumer = (): string => `consumer-${randomUUID()}`;
    const stream = (): string => `scheduler:checkpoint-${randomUUID()}`;

    beforeEach(async () => {
      store = await createStore();
    });

    it('reads 0 for a stream the consumer never applied', async () => {
      expect(await store.lastApplied(consumer(), stream())).toBe(0);
    });

    it('reads back the last version a consumer recorded for a stream', async () => {
      const [worker, streamId] = [consumer(), stream()];
      await store.record(worker, streamId, 1);
      await store.record(worker, streamId, 4);
      expect(await store.lastApplied(worker, streamId)).toBe(4);
    });

    it('never moves a checkpoint back when an older event is recorded late', async () => {
      const [worker, streamId] = [consumer(), stream()];
      await store.record(worker, streamId, 7);
      await store.record(worker, streamId, 3);
      expect(await store.lastApplied(worker, streamId)).toBe(7);
    });

    it('keeps each consumer and each stream apart', async () => {
      const [worker, analytics, first, second] = [consumer(), consumer(), stream(), stream()];
      await store.record(worker, first, 2);
      await store.record(analytics, first, 5);
      await store.record(worker, second, 9);
      expect(await store.lastApplied(worker, first)).toBe(2);
      expect(await store.lastApplied(analytics, first)).toBe(5);
      expect(await store.lastApplied(analytics, second)).toBe(0);
    });

    it('reads and records several streams at once', async () => {
      const [worker, first, second, unknown] = [consumer(), stream(), stream(), stream()];
      await store.recordMany(
        worker,
        new Map([
          [first, 3],
          [second, 1],
        ]),
      );
      await store.recordMany(
        worker,
        new Map([
          [first, 2],
          [second, 6],
        ]),
      );
      expect(await store.lastAppliedMany(worker, [first, second, unknown])).toEqual(
        new Map([
          [first, 3],
          [second, 6],
          [unknown, 0],
        ]),
      );
    });

    it('refuses a version that is not a non-negative integer, recording nothing', async () => {
      const [worker, first, second] = [consumer(), stream(), stream()];
      await expect(
        store.recordMany(
          worker,
          new Map([
            [first, 1],
            [second, 1.5],
          ]),
        ),
      ).rejects.toThrow(RangeError);
      expect(await store.lastApplied(worker, first)).toBe(0);
    });
  });
}
