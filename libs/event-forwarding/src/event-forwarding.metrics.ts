import { type ForwardingResult, type RoomEventToForward } from '@maestro/application';
import { type MetricsRegistry } from '@maestro/observability';
import { Counter, Registry } from 'prom-client';

type Label = 'event' | 'scheduler' | 'forwarder' | 'outcome' | 'code';

export type ForwardingCountLabels = Readonly<Record<Label, string>>;

/**
 * `event_forwarding_total{event, scheduler, forwarder, outcome, code}`: one count per forwarder
 * called, `outcome` `success` (it answered, whatever its `Response.code`) or `failure`, `code` the
 * gRPC status (or the response code read as Maestro reads it, or `NO_PORT`). Maestro's
 * `*_event_forwarding_total` counters, with the forwarder named.
 */
export class EventForwardingMetrics {
  private readonly counter: Counter<Label>;

  /** Registers on the service's registry; without one (tests) it counts on a registry of its own. */
  constructor(metrics?: MetricsRegistry) {
    this.counter = new Counter({
      name: 'event_forwarding_total',
      help: 'Calls to event forwarders, by event, scheduler, forwarder, outcome and gRPC code',
      labelNames: ['event', 'scheduler', 'forwarder', 'outcome', 'code'],
      registers: [metrics?.registry ?? new Registry()],
    });
  }

  record(event: RoomEventToForward['kind'], schedulerName: string, result: ForwardingResult): void {
    for (const attempt of result.attempts) {
      this.counter.inc({
        event,
        scheduler: schedulerName,
        forwarder: attempt.forwarder,
        outcome: attempt.delivered ? 'success' : 'failure',
        code: attempt.code,
      });
    }
  }

  /** The current count for one set of labels (0 if never counted). */
  async count(labels: ForwardingCountLabels): Promise<number> {
    const { values } = await this.counter.get();
    const match = values.find((value) =>
      (Object.keys(labels) as Label[]).every((key) => value.labels[key] === labels[key]),
    );
    return match?.value ?? 0;
  }
}
