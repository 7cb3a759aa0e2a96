import { Injectable } from '@nestjs/common';
import { EventStore, toSchedulerEvent } from '@maestro/application';
import {
  evolveScheduler,
  initialSchedulerStreamState,
  type Scheduler,
  type SchedulerStreamState,
  schedulerStreamId,
} from '@maestro/domain';

const pageSize = 500;

/**
 * Schedulers as the event store knows them. Kafka messages about schedulers are only a nudge: the
 * worker reads the scheduler from its own store, so a message from another environment sharing
 * the broker, or a stale redelivery, can never make it act on something its store does not hold.
 */
@Injectable()
export class SchedulerStateLoader {
  constructor(private readonly eventStore: EventStore) {}

  /** Every existing scheduler at its active version (deleted ones are left out). */
  async loadAll(): Promise<Scheduler[]> {
    const streams = new Map<string, SchedulerStreamState>();
    let position = 0n;
    for (;;) {
      const events = await this.eventStore.readCategory('scheduler', position, pageSize);
      for (const event of events) {
        const decoded = toSchedulerEvent(event.type, event.schemaVersion, event.data);
        if (!decoded) continue;
        const state = streams.get(event.streamId) ?? initialSchedulerStreamState;
        streams.set(event.streamId, evolveScheduler(state, decoded));
      }
      const last = events.at(-1);
      if (!last || events.length < pageSize) break;
      position = last.globalPosition;
    }
    return [...streams.values()].flatMap((state) => (state.exists ? [state.scheduler] : []));
  }

  /** The scheduler's active version, or undefined when this store has no such scheduler (now). */
  async load(name: string): Promise<Scheduler | undefined> {
    let state = initialSchedulerStreamState;
    for (const event of await this.eventStore.readStream(schedulerStreamId(name))) {
      const decoded = toSchedulerEvent(event.type, event.schemaVersion, event.data);
      if (decoded) state = evolveScheduler(state, decoded);
    }
    return state.exists ? state.scheduler : undefined;
  }
}
