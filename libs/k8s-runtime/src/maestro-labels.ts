/**
 * Labels and annotations Maestro puts on what it creates in Kubernetes. `heritage`,
 * `maestro-scheduler` and `version` are Maestro v10's own keys (kept so its tooling and PDB
 * selectors keep working); `app.kubernetes.io/managed-by` is the selector our watches use.
 */
export const MaestroLabel = {
  managedBy: 'app.kubernetes.io/managed-by',
  heritage: 'heritage',
  scheduler: 'maestro-scheduler',
  room: 'maestro-room',
  version: 'version',
  validationRoom: 'maestro-validation-room',
} as const;

export const MAESTRO = 'maestro';

/** Selects every pod (and namespace) this system manages. */
export const MANAGED_BY_MAESTRO = `${MaestroLabel.managedBy}=${MAESTRO}`;

export const SAFE_TO_EVICT_ANNOTATION = 'cluster-autoscaler.kubernetes.io/safe-to-evict';
