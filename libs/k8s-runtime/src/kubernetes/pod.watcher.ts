import { type V1Pod } from '@kubernetes/client-node';
import { type InstanceEvent } from '@maestro/application';
import { isTransient, toRuntimeError } from './kubernetes-api.errors';
import { backoffDelay, type RetryPolicy } from './kubernetes-api.retry';
import { type PodSource, type PodWatchEvent } from './pod.source';
import { roomIdentityOf, roomInstanceOf } from './room-instance.converter';

export interface WatchLogger {
  warn(message: string): void;
  error(message: string): void;
}

export interface PodWatcherOptions {
  /** How often the whole list is read again, correcting any change a watch missed. */
  readonly resyncIntervalMs: number;
  /** Backoff between reconnects; `maxAttempts` bounds only the first list (see `start`). */
  readonly retry: RetryPolicy;
  readonly logger: WatchLogger;
}

/**
 * A watch that ends this soon after it opened counts as a failure, so a server that keeps closing
 * streams at once is retried with backoff instead of in a tight list-and-watch loop.
 */
const HEALTHY_WATCH_MS = 1_000;

/** A watch stream that failed (or ended too soon) after running for `ranForMs`. */
class WatchEnded extends Error {
  constructor(
    readonly reason: unknown,
    readonly ranForMs: number,
  ) {
    super(reason instanceof Error ? reason.message : String(reason), { cause: reason });
  }
}

/**
 * An informer on managed pods: list, report, watch from the list's version; on any end or error,
 * back off and list again. The watch is also ended every `resyncIntervalMs` for a fresh list, which
 * re-reports every pod and reports as deleted those that vanished since the last list, so a missed
 * event is corrected within one interval. Listing only while no watch runs keeps list and watch
 * from racing (a stale list would otherwise undo a newer watch event).
 */
export class PodWatcher {
  /** Pods reported and not yet reported deleted, by `namespace/name`. */
  private readonly known = new Map<string, { schedulerName: string; roomId: string }>();
  private stopped = false;
  private currentCycle: AbortController | undefined;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly source: PodSource,
    private readonly onEvent: (event: InstanceEvent) => void,
    private readonly options: PodWatcherOptions,
  ) {}

  /**
   * Resolves once every existing pod has been reported. Rejects with a GameRoomRuntimeError when the
   * first list is refused or keeps failing; after that, failures are retried until `stop`.
   */
  start(): Promise<void> {
    if (this.loop) return Promise.reject(new Error('PodWatcher.start called twice'));
    return new Promise<void>((resolve, reject) => {
      this.loop = this.run(resolve, reject);
    });
  }

  /** Ends the watch and every timer; no event is reported afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.currentCycle?.abort();
    this.wake?.();
    await this.loop;
  }

  private async run(started: () => void, failedToStart: (error: unknown) => void): Promise<void> {
    let hasStarted = false;
    let failures = 0;
    while (!this.isStopped()) {
      try {
        const resourceVersion = await this.relist();
        if (this.isStopped()) break;
        if (!hasStarted) {
          hasStarted = true;
          started();
        }
        await this.watchUntilResync(resourceVersion);
        failures = 0;
      } catch (error) {
        if (this.isStopped()) break;
        const reason = error instanceof WatchEnded ? error.reason : error;
        if (error instanceof WatchEnded && error.ranForMs >= HEALTHY_WATCH_MS) failures = 0;
        failures += 1;
        if (!hasStarted && (failures >= this.options.retry.maxAttempts || !isTransient(reason))) {
          this.stopped = true;
          failedToStart(toRuntimeError(reason, 'listing pods'));
          return;
        }
        const delayMs = backoffDelay(failures, this.options.retry);
        this.options.logger.warn(
          `pod watch interrupted (${describe(reason)}); listing again in ${delayMs} ms (failure ${failures})`,
        );
        await this.pause(delayMs);
      }
    }
    if (!hasStarted)
      failedToStart(toRuntimeError(new Error('stopped before the first list'), 'watching pods'));
  }

  /** A method, not the field: `stop()` flips it while `run` awaits, which narrowing cannot see. */
  private isStopped(): boolean {
    return this.stopped;
  }

  private async relist(): Promise<string> {
    const { pods, resourceVersion } = await this.source.list();
    if (this.isStopped()) return resourceVersion;
    const present = new Set<string>();
    for (const pod of pods) {
      present.add(keyOf(pod));
      this.upserted(pod);
    }
    for (const [key, identity] of this.known) {
      if (present.has(key)) continue;
      this.known.delete(key);
      this.emit({ kind: 'deleted', ...identity });
    }
    return resourceVersion;
  }

  /** Watches until the resync timer fires (returns) or the stream ends or fails (throws WatchEnded). */
  private async watchUntilResync(resourceVersion: string): Promise<void> {
    const cycle = new AbortController();
    this.currentCycle = cycle;
    const resync = setTimeout(() => {
      cycle.abort();
    }, this.options.resyncIntervalMs);
    const openedAt = Date.now();
    let serverError: string | undefined;
    let failure: unknown;
    try {
      await this.source.watch(
        resourceVersion,
        (event) => {
          if (event.type === 'ERROR') {
            // Typically 410 Gone (our version is too old): only a new list can continue.
            serverError = event.message;
            cycle.abort();
          } else if (!cycle.signal.aborted) {
            this.apply(event);
          }
        },
        cycle.signal,
      );
      if (!cycle.signal.aborted) failure = new Error('the server ended the watch');
    } catch (error) {
      if (!cycle.signal.aborted) failure = error;
    } finally {
      clearTimeout(resync);
      this.currentCycle = undefined;
    }
    if (serverError !== undefined) failure = new Error(`watch error: ${serverError}`);
    if (failure !== undefined) throw new WatchEnded(failure, Date.now() - openedAt);
  }

  private apply(event: Exclude<PodWatchEvent, { type: 'ERROR' }>): void {
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.upserted(event.pod);
        return;
      case 'DELETED':
        this.known.delete(keyOf(event.pod));
        this.emit({ kind: 'deleted', ...roomIdentityOf(event.pod) });
        return;
      case 'BOOKMARK':
        return;
    }
  }

  private upserted(pod: V1Pod): void {
    this.known.set(keyOf(pod), roomIdentityOf(pod));
    this.emit({ kind: 'upserted', instance: roomInstanceOf(pod) });
  }

  private emit(event: InstanceEvent): void {
    if (this.stopped) return;
    try {
      this.onEvent(event);
    } catch (error) {
      // A failing listener must not end the watch for everyone else's events.
      this.options.logger.error(`instance event listener failed: ${describe(error)}`);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

function keyOf(pod: V1Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
