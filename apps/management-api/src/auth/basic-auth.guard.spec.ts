import { type ExecutionContext } from '@nestjs/common';
import { BasicAuthGuard, parseBasicCredentials, UnauthenticatedError } from './basic-auth.guard';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

/** Just enough of Nest's execution context for a guard that reads one header. */
const requestWith = (authorization?: string): ExecutionContext =>
  ({
    switchToHttp: () => ({
      getRequest: () => ({ headers: authorization === undefined ? {} : { authorization } }),
    }),
  }) as unknown as ExecutionContext;

describe('Basic authentication', () => {
  const guard = new BasicAuthGuard({
    enabled: true,
    users: [
      { user: 'studio', password: 's3cret' },
      { user: 'ops', password: 'p:w' },
    ],
  });

  it('lets in every configured user', () => {
    expect(guard.canActivate(requestWith(basic('studio:s3cret')))).toBe(true);
    expect(guard.canActivate(requestWith(basic('ops:p:w')))).toBe(true);
    expect(guard.canActivate(requestWith(`bAsIc ${Buffer.from('studio:s3cret').toString('base64')}`))).toBe(
      true,
    );
  });

  it('turns away a request without credentials', () => {
    expect(() => guard.canActivate(requestWith())).toThrow(new UnauthenticatedError('missing credentials'));
    expect(() => guard.canActivate(requestWith('Bearer abc'))).toThrow(UnauthenticatedError);
  });

  it('turns away a wrong password, an unknown user and one user with another’s password', () => {
    for (const credentials of ['studio:wrong', 'nobody:s3cret', 'studio:p:w', 'studio:']) {
      expect(() => guard.canActivate(requestWith(basic(credentials)))).toThrow(
        new UnauthenticatedError('invalid credentials'),
      );
    }
  });

  it('lets everyone in when authentication is disabled', () => {
    expect(new BasicAuthGuard({ enabled: false, users: [] }).canActivate(requestWith())).toBe(true);
  });

  it('splits user and password at the first colon', () => {
    expect(parseBasicCredentials(basic('a:b:c'))).toEqual({ user: 'a', password: 'b:c' });
    expect(parseBasicCredentials(basic('no-colon'))).toBeUndefined();
  });
});
