/**
 * The scheduler's autoscaling block names a policy whose parameters are missing. Validation
 * prevents it; a stored scheduler that slipped through makes the scaling step fail, as in Maestro.
 */
export class AutoscalingMisconfiguredError extends Error {
  readonly code = 'AutoscalingMisconfigured';
}
