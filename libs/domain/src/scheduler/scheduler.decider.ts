import { type Scheduler } from './scheduler';
import { buildScheduler } from './scheduler-defaults';
import { type SchedulerDefinition } from './scheduler-definition';
import { InvalidSchedulerError, SchedulerAlreadyExistsError } from './scheduler-errors';
import { validateSchedulerDefinition } from './scheduler-validation';

/** Create a scheduler at its first version; `at` (ISO-8601) becomes that version's `createdAt`. */
export interface CreateScheduler {
  readonly kind: 'CreateScheduler';
  readonly definition: SchedulerDefinition;
  readonly at: string;
}

export type SchedulerCommand = CreateScheduler;

/** The scheduler as created: validated, defaults applied, state `creating`, version `v1.0.0`. */
export interface SchedulerCreated {
  readonly type: 'SchedulerCreated';
  readonly data: Scheduler;
}

// Next: SchedulerVersionCreated, ActiveVersionSwitched, SchedulerDeleted, and SchedulerSynced
// (appended by the worker once the scheduler's runtime exists; it turns `creating` into `in-sync`).
export type SchedulerEvent = SchedulerCreated;

/** What a scheduler's stream (`scheduler:<name>`) says so far: enough to decide the next command. */
export type SchedulerStreamState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      /** The active version. */
      readonly scheduler: Scheduler;
      /** Every version ever created, oldest first. */
      readonly versions: readonly string[];
    };

export const initialSchedulerStreamState: SchedulerStreamState = { exists: false };

/**
 * Decides what a command on a scheduler means. Validation comes before the existence check, as in
 * Maestro: an invalid body is a 400 even when the name is taken. Pure: time comes with the command.
 */
export function decideScheduler(command: SchedulerCommand, state: SchedulerStreamState): SchedulerEvent[] {
  // `CreateScheduler` is the only command so far; a switch on `command.kind` comes with the second.
  const validation = validateSchedulerDefinition(command.definition);
  if (!validation.valid) throw new InvalidSchedulerError(validation.message);
  if (state.exists) throw new SchedulerAlreadyExistsError(command.definition.name);
  return [{ type: 'SchedulerCreated', data: buildScheduler(command.definition, command.at) }];
}

export function evolveScheduler(_state: SchedulerStreamState, event: SchedulerEvent): SchedulerStreamState {
  // `SchedulerCreated` is the only event so far: it starts the stream.
  return { exists: true, scheduler: event.data, versions: [event.data.spec.version] };
}

export const schedulerDecider = {
  decide: decideScheduler,
  evolve: evolveScheduler,
  initialState: initialSchedulerStreamState,
} as const;
