import { ApiException } from '@kubernetes/client-node';
import { GameRoomRuntimeError } from '../game-room-runtime.error';

/** What the API server said, parsed from the `Status` body client-node leaves as JSON text. */
export interface ApiStatus {
  readonly code: number;
  readonly reason: string;
  readonly message: string;
  /** `details.causes[].reason`, e.g. `NamespaceTerminating`. */
  readonly causes: readonly string[];
  /** `details.kind`: which kind of object a NotFound is about (`namespaces`, `pods`). */
  readonly kind: string;
  readonly retryAfterSeconds?: number;
}

interface StatusBody {
  reason?: string;
  message?: string;
  details?: { kind?: string; causes?: { reason?: string }[] };
}

export function apiStatusOf(error: unknown): ApiStatus | undefined {
  if (!(error instanceof ApiException)) return undefined;
  const body = parseStatusBody(error.body);
  const retryAfter = Number(error.headers['retry-after']);
  return {
    code: error.code,
    reason: body.reason ?? '',
    message: body.message ?? error.message,
    causes: (body.details?.causes ?? []).flatMap((cause) => (cause.reason ? [cause.reason] : [])),
    kind: body.details?.kind ?? '',
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

function parseStatusBody(body: unknown): StatusBody {
  if (typeof body === 'object' && body !== null) return body;
  if (typeof body !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
]);

/**
 * Worth retrying: throttling (429), server errors (5xx), timeouts and network failures. node-fetch
 * (client-node 1.x's HTTP backend) reports the last two as `FetchError` or `AbortError`.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof ApiException) return error.code === 429 || error.code >= 500;
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, statusCode } = error as { name?: unknown; code?: unknown; statusCode?: unknown };
  if (typeof statusCode === 'number') return statusCode === 429 || statusCode >= 500;
  if (name === 'FetchError' || name === 'AbortError') return true;
  return typeof code === 'string' && NETWORK_ERROR_CODES.has(code);
}

/** The stable-code error a caller sees, once retries (if any) are spent. */
export function toRuntimeError(error: unknown, action: string): GameRoomRuntimeError {
  if (error instanceof GameRoomRuntimeError) return error;
  const status = apiStatusOf(error);
  const reason = status ? `${status.code} ${status.reason}: ${status.message}` : describeError(error);
  const code = isTransient(error) || !status ? 'RuntimeUnavailable' : 'RuntimeRequestRejected';
  return new GameRoomRuntimeError(code, `${action} failed: ${reason}`, [reason], { cause: error });
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
