/** How often and how patiently a subscription retries a handler that rejects. */
export interface RetryPolicy {
  /** Attempts for a batch, and again for each of its messages once the batch has used them up. */
  readonly maxAttempts: number;
  /** Wait before the second attempt; it doubles with each further attempt up to `maxBackoffMs`. */
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

/** Five attempts over about 1.5 s: long enough for a blip, short enough not to stall a partition. */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 2_000 };

/** The wait after failed attempt number `attempt` (1-based). */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.initialBackoffMs * 2 ** (attempt - 1), policy.maxBackoffMs);
}
