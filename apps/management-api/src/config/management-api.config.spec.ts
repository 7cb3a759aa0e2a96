import { ConfigError, parseConfig } from '@maestro/config';
import { managementApiConfigSchema } from './management-api.config';

const problems = (environment: Record<string, string>): readonly string[] => {
  try {
    parseConfig(managementApiConfigSchema, environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('management-api configuration', () => {
  it('reads Basic auth users from MANAGEMENT_API_USERS', () => {
    const config = parseConfig(managementApiConfigSchema, {
      MANAGEMENT_API_USERS: 'studio:s3cret, ops:a:b:c',
    });
    expect(config.MANAGEMENT_API_AUTH).toBe('basic');
    expect(config.MANAGEMENT_API_USERS).toEqual([
      { user: 'studio', password: 's3cret' },
      { user: 'ops', password: 'a:b:c' },
    ]);
  });

  it('refuses to start without a user unless authentication is disabled explicitly', () => {
    expect(problems({})).toEqual([
      'MANAGEMENT_API_USERS: set at least one user:password (comma-separated), or MANAGEMENT_API_AUTH=disabled to run without authentication',
    ]);
    expect(problems({ MANAGEMENT_API_AUTH: 'disabled' })).toEqual([]);
  });

  it('refuses a user without a password and an unknown auth mode', () => {
    expect(problems({ MANAGEMENT_API_USERS: 'studio' })).toEqual([
      'MANAGEMENT_API_USERS: each entry must be user:password, both non-empty',
    ]);
    expect(problems({ MANAGEMENT_API_USERS: ':pw' })).toHaveLength(1);
    expect(problems({ MANAGEMENT_API_USERS: 'a:b', MANAGEMENT_API_AUTH: 'oauth' })).toHaveLength(1);
  });
});
