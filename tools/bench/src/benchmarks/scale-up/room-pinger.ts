import { setTimeout as sleep } from 'node:timers/promises';
import { send } from '../ping-ingest/ping-probe';

export type RoomReport = 'ready' | 'occupied';

/**
 * Speaks for the rooms (kwok pods run nothing): every room it knows is pinged with its status
 * every `intervalMs`, as a game server would, and a status change is pinged at once. Pings go out
 * one at a time, so a sweep's `ready` can never overtake the `occupied` that a trial sends.
 */
export class RoomPinger {
  private readonly reports = new Map<string, RoomReport>();
  private queue: Promise<unknown> = Promise.resolve();
  private sweeping: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  /** Background pings that were refused or failed (the rooms' own pings never go unanswered). */
  failedSweepPings = 0;

  constructor(
    private readonly roomsApiUrl: string,
    private readonly schedulerName: string,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.sweeping = this.sweepForever();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.sweeping;
  }

  /**
   * Reports `status` for `roomId` now, retrying until room-ping-ingest accepts it (a new room is
   * refused until ingest learned it from room-events); resolves at the accepting 2xx.
   */
  async report(roomId: string, status: RoomReport, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const accepted = await this.serially(() => this.ping(roomId, status));
      if (accepted) {
        this.reports.set(roomId, status);
        return;
      }
      if (Date.now() > deadline) throw new Error(`the ${status} ping of ${roomId} was not accepted`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async sweepForever(): Promise<void> {
    while (!this.stopped()) {
      for (const [roomId, status] of [...this.reports]) {
        if (this.stopped()) return;
        // The status is read again at send time: a trial may have changed it meanwhile.
        const accepted = await this.serially(() => this.ping(roomId, this.reports.get(roomId) ?? status));
        if (!accepted) this.failedSweepPings++;
      }
      await sleep(this.intervalMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }

  private stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async ping(roomId: string, status: RoomReport): Promise<boolean> {
    try {
      const answer = await send(
        'PUT',
        `${this.roomsApiUrl}/scheduler/${this.schedulerName}/rooms/${roomId}/ping`,
        JSON.stringify({ status, timestamp: Date.now(), runningMatches: status === 'occupied' ? 1 : 0 }),
      );
      return answer.status === 200 && answer.body === '{"success":true}';
    } catch {
      return false;
    }
  }
}
