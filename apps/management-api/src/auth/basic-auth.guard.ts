import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { type FastifyRequest } from 'fastify';
import { type BasicAuthUser } from '../config/management-api.config';

export const BASIC_AUTH_SETTINGS = Symbol('BASIC_AUTH_SETTINGS');

export interface BasicAuthSettings {
  readonly enabled: boolean;
  readonly users: readonly BasicAuthUser[];
}

/** Missing or wrong credentials: answered 401 with a `WWW-Authenticate: Basic` challenge. */
export class UnauthenticatedError extends Error {
  readonly code = 'Unauthenticated';
}

/**
 * HTTP Basic authentication for the management API's scheduler routes. Maestro v10 itself has none
 * (its docs assume a proxy); this service refuses anonymous changes to what runs on the cluster.
 */
@Injectable()
export class BasicAuthGuard implements CanActivate {
  private readonly users: readonly { user: Buffer; password: Buffer }[];

  constructor(@Inject(BASIC_AUTH_SETTINGS) private readonly settings: BasicAuthSettings) {
    this.users = settings.users.map(({ user, password }) => ({
      user: digest(user),
      password: digest(password),
    }));
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.settings.enabled) return true;
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const credentials = header === undefined ? undefined : parseBasicCredentials(header);
    if (!credentials) throw new UnauthenticatedError('missing credentials');
    if (!this.accepts(credentials)) throw new UnauthenticatedError('invalid credentials');
    return true;
  }

  // Digests of equal length compared in constant time, every user checked, so the answer's timing
  // tells nothing about which part was wrong.
  private accepts(credentials: BasicAuthUser): boolean {
    const user = digest(credentials.user);
    const password = digest(credentials.password);
    let accepted = false;
    for (const known of this.users) {
      const matches = timingSafeEqual(known.user, user) && timingSafeEqual(known.password, password);
      accepted ||= matches;
    }
    return accepted;
  }
}

/** `Basic base64(user:password)`, scheme case-insensitive; undefined when not that. */
export function parseBasicCredentials(header: string): BasicAuthUser | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  return { user: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
