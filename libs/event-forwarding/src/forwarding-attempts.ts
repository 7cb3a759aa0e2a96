import { type ForwardingAttempt, type ForwardingResult } from '@maestro/application';
import { type Forwarder } from '@maestro/domain';

/** How Maestro reads a forwarder's `Response.code`, for metrics and logs; any code is a delivery. */
export function responseCodeName(code: number): string {
  switch (code) {
    case 200:
      return 'OK';
    case 404:
      return 'NOT_FOUND';
    case 406:
      return 'FAILED_PRECONDITION';
    case 500:
      return 'INTERNAL';
    default:
      return 'UNKNOWN';
  }
}

/** How one forwarder's call ended. */
export type CallOutcome =
  | { readonly delivered: true; readonly code: string }
  | { readonly delivered: false; readonly code: string; readonly message: string };

/**
 * Maestro's order of things: enabled forwarders only, one after the other, and the first failure
 * ends the forwarding (the forwarders after it are not called).
 */
export async function forwardInTurn(
  forwarders: readonly Forwarder[],
  call: (forwarder: Forwarder) => Promise<CallOutcome>,
): Promise<ForwardingResult> {
  const attempts: ForwardingAttempt[] = [];
  for (const forwarder of forwarders) {
    if (!forwarder.enable) continue;
    const outcome = await call(forwarder);
    attempts.push({ forwarder: forwarder.name, code: outcome.code, delivered: outcome.delivered });
    if (!outcome.delivered) {
      return { outcome: 'failed', forwarder: forwarder.name, message: outcome.message, attempts };
    }
  }
  return { outcome: 'delivered', attempts };
}
