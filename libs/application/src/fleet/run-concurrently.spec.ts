import { runConcurrently } from './run-concurrently';

/** A piece of work the test finishes by hand. */
function held() {
  const started: number[] = [];
  const finishers = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  const work = (item: number) =>
    new Promise<void>((resolve, reject) => {
      started.push(item);
      finishers.set(item, { resolve, reject });
    });
  return { started, finishers, work };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('runConcurrently', () => {
  it('keeps at most `limit` pieces of work running, starting the next as one ends', async () => {
    const { started, finishers, work } = held();
    const all = runConcurrently([1, 2, 3, 4, 5], 2, work);
    expect(started).toEqual([1, 2]);
    finishers.get(2)?.resolve();
    await settle();
    expect(started).toEqual([1, 2, 3]);
    for (const item of [1, 3]) finishers.get(item)?.resolve();
    await settle();
    expect(started).toEqual([1, 2, 3, 4, 5]);
    for (const item of [4, 5]) finishers.get(item)?.resolve();
    await expect(all).resolves.toBeUndefined();
  });

  it('runs every item despite a failure, then raises the first failure', async () => {
    const done: number[] = [];
    const all = runConcurrently([1, 2, 3, 4], 2, async (item) => {
      await settle();
      if (item === 2 || item === 3) throw new Error(`room ${item} failed`);
      done.push(item);
    });
    await expect(all).rejects.toThrow('room 2 failed');
    expect(done.sort()).toEqual([1, 4]);
  });

  it('does nothing for no items', async () => {
    await expect(runConcurrently([], 4, () => Promise.reject(new Error('never')))).resolves.toBeUndefined();
  });
});
