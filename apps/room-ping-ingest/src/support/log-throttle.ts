/**
 * Lets one log line through per interval and counts the ones held back. When Kafka is down every
 * ping fails the same way; one line a second with a count says as much as thousands.
 */
export class LogThrottle {
  private lastLoggedAt = Number.NEGATIVE_INFINITY;
  private heldBack = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The number of lines held back since the last one when this one may be logged, else undefined. */
  admit(): number | undefined {
    const now = this.now();
    if (now - this.lastLoggedAt < this.intervalMs) {
      this.heldBack++;
      return undefined;
    }
    const heldBack = this.heldBack;
    this.lastLoggedAt = now;
    this.heldBack = 0;
    return heldBack;
  }
}
