/**
 * How long a room may stay in a state before Maestro gives up on it
 * (`services.roomManager.*`, reference §10).
 */
export interface RoomTimeouts {
  /** A room that has not pinged for this long is expired (`roomPingTimeoutMillis`). */
  readonly pingTimeoutMs: number;
  /** A room still pending or unready this long after creation is expired (`roomInitializationTimeoutMillis`). */
  readonly initializationTimeoutMs: number;
  /** A terminating room silent for this long is expired (`roomDeletionTimeoutMillis`). */
  readonly deletionTimeoutMs: number;
  /** A `ready` ping keeps an allocated room `allocated` this long (`roomAllocationTTLMillis`). */
  readonly allocationTtlMs: number;
  /** How long a new version's validation room has to become ready (`roomValidationTimeoutMillis`). */
  readonly validationTimeoutMs: number;
  /** How many validation rooms a new version may try (`roomValidationAttempts`, at least 1). */
  readonly validationAttempts: number;
}

export const defaultPingTimeoutMs = 240_000;
export const defaultInitializationTimeoutMs = 120_000;
export const defaultDeletionTimeoutMs = 120_000;
export const defaultAllocationTtlMs = 300_000;
export const defaultValidationTimeoutMs = 120_000;
export const defaultValidationAttempts = 3;

/** Maestro's defaults from `config/config.yaml`. */
export const defaultRoomTimeouts: RoomTimeouts = Object.freeze({
  pingTimeoutMs: defaultPingTimeoutMs,
  initializationTimeoutMs: defaultInitializationTimeoutMs,
  deletionTimeoutMs: defaultDeletionTimeoutMs,
  allocationTtlMs: defaultAllocationTtlMs,
  validationTimeoutMs: defaultValidationTimeoutMs,
  validationAttempts: defaultValidationAttempts,
});
