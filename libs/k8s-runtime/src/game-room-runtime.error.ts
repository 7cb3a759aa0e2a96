/**
 * Why a runtime call failed, as a stable code the worker can act on:
 * - `RuntimeUnavailable`: no answer (network error, timeout, throttling, 5xx) even after retries;
 *   retrying later may work.
 * - `RuntimeRequestRejected`: the runtime answered no (invalid pod, forbidden); retrying won't help.
 * - `SchedulerNotProvisioned`: the scheduler's namespace does not exist; call `ensureScheduler` first.
 * - `SchedulerTerminating`: the scheduler's namespace is still being deleted.
 */
export type GameRoomRuntimeErrorCode =
  'RuntimeUnavailable' | 'RuntimeRequestRejected' | 'SchedulerNotProvisioned' | 'SchedulerTerminating';

export class GameRoomRuntimeError extends Error {
  constructor(
    readonly code: GameRoomRuntimeErrorCode,
    message: string,
    readonly details: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = code;
  }
}
