import { unlessAborted } from './unless-aborted';

describe('unlessAborted', () => {
  it('passes the value through when the promise settles first', async () => {
    await expect(unlessAborted(Promise.resolve(7), new AbortController().signal)).resolves.toEqual({
      aborted: false,
      value: 7,
    });
  });

  it('passes a rejection through when not aborted', async () => {
    await expect(
      unlessAborted(Promise.reject(new Error('no')), new AbortController().signal),
    ).rejects.toThrow('no');
  });

  it('stops waiting as soon as the signal aborts', async () => {
    const stop = new AbortController();
    const waiting = unlessAborted(new Promise<never>(() => undefined), stop.signal);
    stop.abort();
    await expect(waiting).resolves.toEqual({ aborted: true });
  });

  it('does not wait at all when already aborted', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(unlessAborted(new Promise<never>(() => undefined), stop.signal)).resolves.toEqual({
      aborted: true,
    });
  });
});
