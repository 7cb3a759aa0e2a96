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
}

export const WORKER_SETTINGS = Symbol('WORKER_SETTINGS');
