import { setTimeout as delay } from 'node:timers/promises';

export interface RetryOptions {
  /** Aborting ends the retries (service shutdown); the pending wait ends at once. */
  readonly signal: AbortSignal;
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Told about each failed attempt, before waiting `retryInMs`. */
  readonly onFailure: (error: unknown, attempt: number, retryInMs: number) => void;
}

/**
 * Runs `task` until it succeeds, doubling the wait between attempts up to a ceiling, so start-up work
 * that needs Kafka (creating topics, joining a group) never blocks the HTTP server and never gives
 * up while the service runs. Resolves true once the task succeeded, false if stopped first.
 */
export async function retryUntilDone(task: () => Promise<void>, options: RetryOptions): Promise<boolean> {
  const { signal, initialDelayMs = 250, maxDelayMs = 5_000 } = options;
  // A function, not a field read: the signal may abort while a task is awaited.
  const stopped = (): boolean => signal.aborted;
  let waitMs = initialDelayMs;
  for (let attempt = 1; !stopped(); attempt++) {
    try {
      await task();
      return true;
    } catch (error) {
      if (stopped()) return false;
      options.onFailure(error, attempt, waitMs);
    }
    try {
      await delay(waitMs, undefined, { signal });
    } catch {
      return false;
    }
    waitMs = Math.min(waitMs * 2, maxDelayMs);
  }
  return false;
}
