import { type MetricsRegistry } from '@maestro/observability';
import { FixedLabelCounter, UnlabelledHistogram } from '../metrics/prometheus-metrics';

export const pingOutcomes = ['accepted', 'unknown_room', 'invalid', 'publish_failed'] as const;

/** How a ping ended: `accepted` answered `success: true`; `invalid` answered 400. */
export type PingOutcome = (typeof pingOutcomes)[number];

/** The ping path's metrics: pings by outcome, and how long Kafka took to acknowledge one. */
export class RoomPingMetrics {
  readonly pings = new FixedLabelCounter(
    'room_pings_total',
    'Pings received on PUT /scheduler/{scheduler}/rooms/{room}/ping, by outcome',
    'outcome',
    pingOutcomes,
  );

  readonly publishDuration = new UnlabelledHistogram(
    'room_ping_publish_duration_seconds',
    'Time from a valid ping of a known room to its RoomPinged event being acknowledged (or refused) by Kafka',
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );

  /** Registers both metrics on the service's registry; without one they only count (tests). */
  constructor(registry?: MetricsRegistry) {
    if (registry) {
      this.pings.registerOn(registry);
      this.publishDuration.registerOn(registry);
    }
  }
}
