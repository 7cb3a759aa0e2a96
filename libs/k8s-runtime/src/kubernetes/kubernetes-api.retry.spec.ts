import { ApiException, FetchError } from '@kubernetes/client-node';
import { GameRoomRuntimeError } from '../game-room-runtime.error';
import { isTransient, toRuntimeError } from './kubernetes-api.errors';
import { backoffDelay, type RetryPolicy, withRetry } from './kubernetes-api.retry';

const fast: RetryPolicy = { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 5 };

function apiError(code: number, reason: string, headers: Record<string, string> = {}): ApiException<string> {
  const body = JSON.stringify({
    kind: 'Status',
    status: 'Failure',
    reason,
    message: `${reason} happened`,
    code,
  });
  return new ApiException(code, `HTTP-Code: ${code}`, body, headers);
}

function failing<T>(errors: Error[], result: T): { call: () => Promise<T>; calls: () => number } {
  let calls = 0;
  return {
    call: () => {
      const error = errors[calls];
      calls += 1;
      return error === undefined ? Promise.resolve(result) : Promise.reject(error);
    },
    calls: () => calls,
  };
}

describe('withRetry', () => {
  it('retries throttling, server errors and network failures until the call succeeds', async () => {
    const flaky = failing(
      [
        apiError(429, 'TooManyRequests'),
        apiError(503, 'ServiceUnavailable'),
        new FetchError('reset', 'system'),
      ],
      'listed',
    );

    expect(await withRetry(flaky.call, fast)).toBe('listed');
    expect(flaky.calls()).toBe(4);
  });

  it('gives up after the allowed attempts with the last error', async () => {
    const down = failing(
      Array.from({ length: 10 }, () => apiError(500, 'InternalError')),
      'never',
    );

    await expect(withRetry(down.call, fast)).rejects.toMatchObject({ code: 500 });
    expect(down.calls()).toBe(4);
  });

  it('does not retry an answer that will not change (invalid, forbidden, conflict)', async () => {
    const invalid = failing([apiError(422, 'Invalid')], 'never');

    await expect(withRetry(invalid.call, fast)).rejects.toMatchObject({ code: 422 });
    expect(invalid.calls()).toBe(1);
  });

  it("waits as long as a throttled answer's Retry-After asks, within the delay cap", async () => {
    const throttled = failing([apiError(429, 'TooManyRequests', { 'retry-after': '1' })], 'done');
    const startedAt = Date.now();

    await withRetry(throttled.call, { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 200 });

    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(190);
  });
});

describe('backoffDelay', () => {
  const policy: RetryPolicy = { maxAttempts: 10, initialDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles from the initial delay up to the cap, jittered within the upper half', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, () => 1))).toEqual([
      100, 200, 400, 800, 1_000,
    ]);
    expect(backoffDelay(3, policy, () => 0)).toBe(200);
  });
});

describe('runtime errors', () => {
  it('calls network failures and 5xx unavailable, and other API refusals rejected', () => {
    expect(toRuntimeError(new FetchError('connect ECONNREFUSED', 'system'), 'listing pods').code).toBe(
      'RuntimeUnavailable',
    );
    expect(toRuntimeError(apiError(503, 'ServiceUnavailable'), 'listing pods').code).toBe(
      'RuntimeUnavailable',
    );
    const rejected = toRuntimeError(apiError(403, 'Forbidden'), 'creating pod arena/room-1');
    expect(rejected).toBeInstanceOf(GameRoomRuntimeError);
    expect(rejected.code).toBe('RuntimeRequestRejected');
    expect(rejected.message).toBe('creating pod arena/room-1 failed: 403 Forbidden: Forbidden happened');
  });

  it('treats request timeouts and refused connections as transient', () => {
    const timeout = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect([timeout, refused].map(isTransient)).toEqual([true, true]);
    expect(isTransient(new TypeError('bug'))).toBe(false);
  });
});
