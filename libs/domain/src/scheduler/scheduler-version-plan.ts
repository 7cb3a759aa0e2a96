import { type Scheduler } from './scheduler';
import { nextMajorVersion, nextMinorVersion } from './scheduler-version';

export interface SchedulerVersionPlan {
  readonly version: string;
  readonly isMajor: boolean;
}

/**
 * The number a new version gets (reference §4): a major change takes the greatest major ever used
 * plus one; a minor one the next minor within the active version's major. `isMajor` comes from
 * `isMajorChange(active, candidate)`.
 */
export function planSchedulerVersion(
  versions: readonly Scheduler[],
  active: Scheduler,
  isMajor: boolean,
): SchedulerVersionPlan {
  const existing = versions.map((stored) => stored.spec.version);
  return {
    version: isMajor ? nextMajorVersion(existing) : nextMinorVersion(existing, active.spec.version),
    isMajor,
  };
}

/** The candidate scheduler numbered as planned. */
export function withVersion(candidate: Scheduler, version: string): Scheduler {
  return { ...candidate, spec: { ...candidate.spec, version } };
}
