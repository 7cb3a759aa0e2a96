import { retryUntilDone } from './retry-until-done';

describe('retryUntilDone', () => {
  it('tries again after each failure until the task succeeds', async () => {
    let attempts = 0;
    const failures: number[] = [];
    const done = await retryUntilDone(
      () => {
        attempts++;
        return attempts < 3 ? Promise.reject(new Error(`attempt ${attempts}`)) : Promise.resolve();
      },
      {
        signal: new AbortController().signal,
        initialDelayMs: 1,
        onFailure: (_, attempt) => failures.push(attempt),
      },
    );
    expect(done).toBe(true);
    expect(attempts).toBe(3);
    expect(failures).toEqual([1, 2]);
  });

  it('doubles the wait between attempts up to the ceiling', async () => {
    const waits: number[] = [];
    const stop = new AbortController();
    await retryUntilDone(() => Promise.reject(new Error('down')), {
      signal: stop.signal,
      initialDelayMs: 1,
      maxDelayMs: 4,
      onFailure: (_, attempt, retryInMs) => {
        waits.push(retryInMs);
        if (attempt === 5) stop.abort();
      },
    });
    expect(waits).toEqual([1, 2, 4, 4, 4]);
  });

  it('gives up at once when stopped while waiting', async () => {
    const stop = new AbortController();
    const done = retryUntilDone(() => Promise.reject(new Error('down')), {
      signal: stop.signal,
      initialDelayMs: 60_000,
      onFailure: () => {
        stop.abort();
      },
    });
    await expect(done).resolves.toBe(false);
  });
});
