/**
 * Runs `work` on every item, at most `limit` at a time, and waits for all of them. A failure does
 * not stop the others (they are independent, and each leaves the fleet consistent); once all have
 * settled, the first failure is raised.
 */
export async function runConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let firstFailure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        firstFailure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (firstFailure) throw firstFailure.error;
}
