import { toSchedulerEvent } from '@maestro/application';
import { type EventEnvelope, topics } from '@maestro/contracts';
import {
  evolveScheduler,
  type Forwarder,
  initialSchedulerStreamState,
  type SchedulerStreamState,
} from '@maestro/domain';
import { type TopicView, type ViewChange } from './topic-view';

/** What the rooms API needs of a scheduler to forward its rooms' events. */
export interface SchedulerForwarding {
  readonly game: string;
  readonly forwarders: readonly Forwarder[];
}

/**
 * The schedulers that exist, as `scheduler-events` tells: each scheduler's stream folded with the
 * domain's own `evolveScheduler`, so every scheduler event the domain knows (new versions, version
 * switches, deletion) is folded in here the way the management API folds it, and the active
 * version's game and forwarders are what `forwardingOf` answers.
 */
export class KnownSchedulers implements TopicView {
  readonly name = 'known-schedulers';
  readonly topic = topics.schedulerEvents;
  private readonly streams = new Map<string, SchedulerStreamState>();

  forwardingOf(schedulerName: string): SchedulerForwarding | undefined {
    const state = this.streams.get(schedulerName);
    if (!state?.exists) return undefined;
    return { game: state.scheduler.game, forwarders: state.scheduler.forwarders };
  }

  get size(): number {
    return this.streams.size;
  }

  apply(envelope: EventEnvelope): ViewChange {
    let event;
    try {
      event = toSchedulerEvent(envelope.type, envelope.schemaVersion, envelope.data);
    } catch {
      return 'invalid';
    }
    if (!event) return 'ignored';
    const before = this.streams.get(envelope.subject) ?? initialSchedulerStreamState;
    const after = evolveScheduler(before, event);
    // A deleted scheduler leaves nothing behind; its name may come back with a new SchedulerCreated.
    if (after.exists) this.streams.set(envelope.subject, after);
    else this.streams.delete(envelope.subject);
    return after === before ? 'unchanged' : 'changed';
  }
}
