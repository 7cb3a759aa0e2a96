import { type Subscription } from '@maestro/application';

/**
 * A subscription that can tell when it has caught up: it has consumed (and committed) everything its
 * assigned partitions held when it subscribed. A service that rebuilds an in-memory view from a topic
 * (room-ping-ingest's known rooms) reports ready only then.
 */
export interface CatchUpSubscription extends Subscription {
  /** True once caught up; it stays true afterwards (later lag is normal operation, not unreadiness). */
  isCaughtUp(): boolean;
  /** Resolves once caught up; rejects if the subscription stops first. */
  waitUntilCaughtUp(): Promise<void>;
}

export function isCatchUpSubscription(subscription: Subscription): subscription is CatchUpSubscription {
  const candidate = subscription as Partial<CatchUpSubscription>;
  return typeof candidate.isCaughtUp === 'function' && typeof candidate.waitUntilCaughtUp === 'function';
}
