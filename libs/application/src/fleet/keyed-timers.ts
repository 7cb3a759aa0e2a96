/**
 * At most one pending timer per key: setting a key's timer replaces the one it had. Timers do not
 * keep the process alive (`unref`).
 */
export class KeyedTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** Runs `due` after `delayMs` (0 when negative), unless the key's timer is set or cleared again first. */
  set(key: string, delayMs: number, due: () => void): void {
    this.clear(key);
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        due();
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    this.timers.set(key, timer);
  }

  clear(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  clearAll(): void {
    for (const key of [...this.timers.keys()]) this.clear(key);
  }

  has(key: string): boolean {
    return this.timers.has(key);
  }
}
