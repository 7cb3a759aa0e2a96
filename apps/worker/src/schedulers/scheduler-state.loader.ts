import { Injectable } from '@nestjs/common';
import { EventStore, toSchedulerEvent } from '@maestro/application';
import { type Scheduler, schedulerStreamId } from '@maestro/domain';

const pageSize = 500;

/**
 * Schedulers as the event store knows them. Kafka messages about schedulers are only a nudge: the
 * worker reads the scheduler from its own store, so a message from another environment sharing
 * the broker, or a stale redelivery, can never make it act on something its store does not hold.
 */
@Injectable()
export class SchedulerStateLoader {
  constructor(private readonly eventStore: EventStore) {}

  async loadAll(): Promise<Scheduler[]> {
    const schedulers = new Map<string, Scheduler>();
    let position = 0n;
    for (;;) {
      const events = await this.eventStore.readCategory('scheduler', position, pageSize);
      for (const event of events) {
        const scheduler = toSchedulerEvent(event.type, event.schemaVersion, event.data)?.data;
        if (scheduler) schedulers.set(scheduler.name, scheduler);
      }
      const last = events.at(-1);
      if (!last || events.length < pageSize) break;
      position = last.globalPosition;
    }
    return [...schedulers.values()];
  }

  /** The scheduler's current spec, or undefined when this store has no such scheduler. */
  async load(name: string): Promise<Scheduler | undefined> {
    let scheduler: Scheduler | undefined;
    for (const event of await this.eventStore.readStream(schedulerStreamId(name))) {
      scheduler = toSchedulerEvent(event.type, event.schemaVersion, event.data)?.data ?? scheduler;
    }
    return scheduler;
  }
}
