import {
  evolveScheduler,
  initialSchedulerStreamState,
  type SchedulerEvent,
  type SchedulerStreamState,
} from '@maestro/domain';
import { type StreamCodec } from '../event-sourcing/decided-stream';
import { toNewSchedulerEvent, toSchedulerEvent } from './scheduler-event.mapper';

/** Stream `scheduler:<name>` folded into what the scheduler decider needs. */
export function schedulerStreamCodec(source: string): StreamCodec<SchedulerStreamState, SchedulerEvent> {
  return {
    initialState: () => initialSchedulerStreamState,
    evolve: evolveScheduler,
    decode: (event) => toSchedulerEvent(event.type, event.schemaVersion, event.data),
    encode: (event, eventId) => toNewSchedulerEvent(event, eventId, source),
  };
}
