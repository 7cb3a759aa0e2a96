import {
  compareSchedulerVersions,
  initialSchedulerVersion,
  nextMajorVersion,
  nextMinorVersion,
  parseSchedulerVersion,
} from './scheduler-version';

describe('scheduler versions', () => {
  it('start at v1.0.0', () => {
    expect(initialSchedulerVersion).toBe('v1.0.0');
  });

  it('bump the minor within the active major', () => {
    expect(nextMinorVersion(['v1.0.0'], 'v1.0.0')).toBe('v1.1.0');
    expect(nextMinorVersion(['v1.0.0', 'v1.1.0', 'v2.0.0'], 'v2.0.0')).toBe('v2.1.0');
  });

  it('take the greatest major ever used, plus one, for a major change', () => {
    expect(nextMajorVersion(['v1.0.0'])).toBe('v2.0.0');
    expect(nextMajorVersion(['v1.0.0', 'v3.0.0', 'v2.4.0'])).toBe('v4.0.0');
  });

  it('follow Maestro after switching back to an older major', () => {
    // v1.0.0 → minor v1.1.0 → major v2.0.0 → switch back to v1.0.0 → minor, then major.
    const versions = ['v1.0.0', 'v1.1.0', 'v2.0.0'];
    expect(nextMinorVersion(versions, 'v1.0.0')).toBe('v1.2.0');
    expect(nextMajorVersion([...versions, 'v1.2.0'])).toBe('v3.0.0');
  });

  it('read only v-prefixed major.minor.patch', () => {
    expect(parseSchedulerVersion('v10.2.0')).toEqual({ major: 10, minor: 2, patch: 0 });
    expect(parseSchedulerVersion('1.0.0')).toBeUndefined();
    expect(parseSchedulerVersion('v1.0')).toBeUndefined();
    expect(() => nextMinorVersion([], 'latest')).toThrow('not a scheduler version: latest');
  });

  it('order numerically, not as text', () => {
    expect(['v1.10.0', 'v2.0.0', 'v1.2.0', 'v1.0.0'].sort(compareSchedulerVersions)).toEqual([
      'v1.0.0',
      'v1.2.0',
      'v1.10.0',
      'v2.0.0',
    ]);
  });
});
