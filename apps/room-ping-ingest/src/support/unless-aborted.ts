/**
 * Waits for `promise`, or stops waiting as soon as `signal` aborts: resolves `{ aborted: true }`
 * then, so a shutdown never hangs on something that only ends later (a catch-up, a retry loop).
 * A rejection of `promise` after the abort is ignored.
 */
export function unlessAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
): Promise<{ readonly aborted: false; readonly value: T } | { readonly aborted: true }> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.resolve({ aborted: true });
  }
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      resolve({ aborted: true });
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve({ aborted: false, value });
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) resolve({ aborted: true });
        else reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
