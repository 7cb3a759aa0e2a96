export interface EventuallyOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  readonly description?: string;
}

/**
 * Polls until `probe` returns a value without throwing, and returns it. Tests wait for conditions
 * this way instead of sleeping; on timeout the last failure is reported.
 */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  options: EventuallyOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 100, description = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`${description} not reached within ${timeoutMs} ms: ${reason}`);
    }
    await new Promise((resolveTimer) => setTimeout(resolveTimer, intervalMs));
  }
}
