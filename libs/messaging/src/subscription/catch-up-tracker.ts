/** Identifies a partition of a topic in the tracker's maps. */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}:${String(partition)}`;
}

/**
 * Follows a subscription's progress against the end offsets its partitions had when it subscribed.
 * Only the partitions currently assigned to the subscription count, and nothing counts before the
 * first assignment. Once caught up, it latches.
 */
export class CatchUpTracker {
  private readonly positions = new Map<string, bigint>();
  private assigned?: readonly string[];
  private caughtUp = false;
  private abandoned?: Error;
  private readonly waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  /**
   * @param targets end offset (next offset to be written) of each partition at subscribe time
   */
  constructor(private readonly targets: ReadonlyMap<string, bigint>) {}

  /** The partitions now assigned to the subscription. */
  assign(partitionKeys: readonly string[]): void {
    this.assigned = [...partitionKeys];
    this.evaluate();
  }

  /** The next offset the subscription will consume in a partition; never moves back. */
  advance(key: string, nextOffset: bigint): void {
    const current = this.positions.get(key);
    if (current === undefined || nextOffset > current) this.positions.set(key, nextOffset);
    this.evaluate();
  }

  isCaughtUp(): boolean {
    return this.caughtUp;
  }

  waitUntilCaughtUp(): Promise<void> {
    if (this.caughtUp) return Promise.resolve();
    if (this.abandoned) return Promise.reject(this.abandoned);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
    });
  }

  /** The subscription stopped: whoever still waits is told it will never catch up. */
  abandon(reason: Error): void {
    if (this.caughtUp) return;
    this.abandoned = reason;
    for (const waiter of this.waiters.splice(0)) waiter.reject(reason);
  }

  private evaluate(): void {
    if (this.caughtUp || this.abandoned || !this.assigned) return;
    const behind = this.assigned.some((key) => {
      const target = this.targets.get(key) ?? 0n;
      return (this.positions.get(key) ?? 0n) < target;
    });
    if (behind) return;
    this.caughtUp = true;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }
}
