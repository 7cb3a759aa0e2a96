/**
 * Scheduler versions are semantic versions with a `v` prefix (reference §4). A scheduler starts at
 * `v1.0.0`; a minor change bumps the minor within the active version's major; a major change takes
 * the greatest major ever used plus one. Patch is never used.
 */
export const initialSchedulerVersion = 'v1.0.0';

export interface SchedulerVersionNumber {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

export function parseSchedulerVersion(version: string): SchedulerVersionNumber | undefined {
  const match = /^v(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

export function formatSchedulerVersion({ major, minor, patch }: SchedulerVersionNumber): string {
  return `v${major}.${minor}.${patch}`;
}

/** Orders versions by major, then minor, then patch (for sorting: negative when `a` is older). */
export function compareSchedulerVersions(a: string, b: string): number {
  const left = requireVersion(a);
  const right = requireVersion(b);
  return left.major - right.major || left.minor - right.minor || left.patch - right.patch;
}

/**
 * The next minor version: within the active version's major, the greatest minor any version of
 * that major has, plus one. After v1.0.0 → v1.1.0 → v2.0.0 and a switch back to v1.0.0, the next
 * minor is v1.2.0.
 */
export function nextMinorVersion(existing: readonly string[], active: string): string {
  const { major } = requireVersion(active);
  const minors = existing
    .map(parseSchedulerVersion)
    .filter((version): version is SchedulerVersionNumber => version?.major === major)
    .map((version) => version.minor);
  return formatSchedulerVersion({ major, minor: Math.max(0, ...minors) + 1, patch: 0 });
}

/** The next major version: the greatest major among all versions, plus one. */
export function nextMajorVersion(existing: readonly string[]): string {
  const majors = existing
    .map(parseSchedulerVersion)
    .filter((version): version is SchedulerVersionNumber => version !== undefined)
    .map((version) => version.major);
  return formatSchedulerVersion({ major: Math.max(0, ...majors) + 1, minor: 0, patch: 0 });
}

function requireVersion(version: string): SchedulerVersionNumber {
  const parsed = parseSchedulerVersion(version);
  if (!parsed) throw new RangeError(`not a scheduler version: ${version}`);
  return parsed;
}
