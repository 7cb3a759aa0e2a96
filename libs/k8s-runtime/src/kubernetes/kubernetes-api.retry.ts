import { setTimeout as sleep } from 'node:timers/promises';
import { apiStatusOf, isTransient } from './kubernetes-api.errors';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 5_000 };

/**
 * Delay before retry number `attempt` (1-based): exponential, capped, with "equal jitter" so many
 * workers throttled at once do not come back in step.
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Runs an API call, retrying transient failures (429, 5xx, network) with backoff up to the
 * policy's attempts; a throttled answer's Retry-After is honoured (within the delay cap). Other
 * failures are thrown at once. Only for idempotent calls or ones whose replay we tolerate
 * (a create that lands twice answers 409, which the callers accept).
 */
export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= policy.maxAttempts || !isTransient(error)) throw error;
      const retryAfterMs = (apiStatusOf(error)?.retryAfterSeconds ?? 0) * 1_000;
      await sleep(Math.min(policy.maxDelayMs, Math.max(retryAfterMs, backoffDelay(attempt, policy))));
    }
  }
}
