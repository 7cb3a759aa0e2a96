import { type WorkerConfig } from '../config/worker.config';

/** The worker's tunables, from its configuration. */
export interface WorkerSettings {
  readonly topicPartitions: number;
  readonly replicationFactor: number;
  readonly consumerGroup: string;
  /** Period of the safety-net reconcile of every scheduler. */
  readonly reconcileIntervalMs: number;
  readonly lastPingFlushIntervalMs: number;
  /** A pending room whose instance never showed up this long gets its instance created again. */
  readonly instanceStartGraceMs: number;
  readonly validation: {
    readonly timeoutMs: number;
    readonly attempts: number;
    readonly acceptOccupied: boolean;
  };
  readonly schedulerDeletionTimeoutMs: number;
  readonly roomTimeouts: {
    readonly pingTimeoutMs: number;
    readonly initializationTimeoutMs: number;
    readonly deletionTimeoutMs: number;
  };
  readonly allocationTtlMs: number;
  /** Rooms of one scheduler created or removed side by side. */
  readonly concurrentRoomChanges: number;
}

export const WORKER_SETTINGS = Symbol('WORKER_SETTINGS');

/** The settings the worker's configuration gives (one place for every composition of the worker). */
export function workerSettingsFrom(config: WorkerConfig): WorkerSettings {
  return {
    topicPartitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    consumerGroup: config.KAFKA_CONSUMER_GROUP,
    reconcileIntervalMs: config.RECONCILE_INTERVAL_MS,
    lastPingFlushIntervalMs: config.LAST_PING_FLUSH_INTERVAL_MS,
    instanceStartGraceMs: config.INSTANCE_START_GRACE_MS,
    validation: {
      timeoutMs: config.ROOM_VALIDATION_TIMEOUT_MS,
      attempts: config.ROOM_VALIDATION_ATTEMPTS,
      acceptOccupied: config.ROOM_VALIDATION_ACCEPT_OCCUPIED,
    },
    schedulerDeletionTimeoutMs: config.SCHEDULER_DELETION_TIMEOUT_MS,
    roomTimeouts: {
      pingTimeoutMs: config.ROOM_PING_TIMEOUT_MS,
      initializationTimeoutMs: config.ROOM_INITIALIZATION_TIMEOUT_MS,
      deletionTimeoutMs: config.ROOM_DELETION_TIMEOUT_MS,
    },
    allocationTtlMs: config.ROOM_ALLOCATION_TTL_MS,
    concurrentRoomChanges: config.ROOM_CHANGE_CONCURRENCY,
  };
}
