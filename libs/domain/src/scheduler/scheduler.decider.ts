import { type Scheduler, type SchedulerState } from './scheduler';
import { buildScheduler } from './scheduler-defaults';
import { type SchedulerDefinition } from './scheduler-definition';
import {
  InvalidSchedulerError,
  SchedulerAlreadyExistsError,
  SchedulerNotFoundError,
  SchedulerVersionNotFoundError,
} from './scheduler-errors';
import { validateSchedulerDefinition } from './scheduler-validation';

/** Create a scheduler at its first version; `at` (ISO-8601) becomes that version's `createdAt`. */
export interface CreateScheduler {
  readonly kind: 'CreateScheduler';
  readonly definition: SchedulerDefinition;
  readonly at: string;
}

/** Store a new version (already numbered, see `planSchedulerVersion`); it is not active yet. */
export interface AddSchedulerVersion {
  readonly kind: 'AddSchedulerVersion';
  readonly scheduler: Scheduler;
  readonly isMajor: boolean;
  readonly at: string;
}

/** Make a stored version the active one (a rollback when it is older). */
export interface SwitchActiveVersion {
  readonly kind: 'SwitchActiveVersion';
  readonly version: string;
  readonly at: string;
}

export interface ChangeSchedulerState {
  readonly kind: 'ChangeSchedulerState';
  readonly state: SchedulerState;
  readonly at: string;
}

export interface DeleteScheduler {
  readonly kind: 'DeleteScheduler';
  readonly at: string;
}

export type SchedulerCommand =
  CreateScheduler | AddSchedulerVersion | SwitchActiveVersion | ChangeSchedulerState | DeleteScheduler;

/** The scheduler as created: validated, defaults applied, state `creating`, version `v1.0.0`. */
export interface SchedulerCreated {
  readonly type: 'SchedulerCreated';
  readonly data: Scheduler;
}

export interface SchedulerVersionCreated {
  readonly type: 'SchedulerVersionCreated';
  readonly data: {
    readonly scheduler: Scheduler;
    readonly isMajor: boolean;
    readonly previousVersion: string;
    readonly createdAt: string;
  };
}

export interface ActiveVersionSwitched {
  readonly type: 'ActiveVersionSwitched';
  readonly data: {
    readonly schedulerName: string;
    readonly version: string;
    readonly previousVersion: string;
    readonly switchedAt: string;
  };
}

export interface SchedulerStateChanged {
  readonly type: 'SchedulerStateChanged';
  readonly data: {
    readonly schedulerName: string;
    readonly state: SchedulerState;
    readonly changedAt: string;
  };
}

export interface SchedulerDeleted {
  readonly type: 'SchedulerDeleted';
  readonly data: { readonly schedulerName: string; readonly deletedAt: string };
}

export type SchedulerEvent =
  | SchedulerCreated
  | SchedulerVersionCreated
  | ActiveVersionSwitched
  | SchedulerStateChanged
  | SchedulerDeleted;

/**
 * What a scheduler's stream (`scheduler:<name>`) says so far: enough to decide the next command.
 * A deleted scheduler's stream goes back to "does not exist", so its name can be used again.
 */
export type SchedulerStreamState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      /** The active version, with the scheduler's current state. */
      readonly scheduler: Scheduler;
      /** Every version ever created in this incarnation, oldest first. */
      readonly versions: readonly Scheduler[];
    };

export const initialSchedulerStreamState: SchedulerStreamState = { exists: false };

/**
 * Decides what a command on a scheduler means. Validation comes before the existence check, as in
 * Maestro: an invalid body is a 400 even when the name is taken. Pure: time comes with the command.
 */
export function decideScheduler(command: SchedulerCommand, state: SchedulerStreamState): SchedulerEvent[] {
  switch (command.kind) {
    case 'CreateScheduler': {
      const validation = validateSchedulerDefinition(command.definition);
      if (!validation.valid) throw new InvalidSchedulerError(validation.message);
      if (state.exists) throw new SchedulerAlreadyExistsError(command.definition.name);
      return [{ type: 'SchedulerCreated', data: buildScheduler(command.definition, command.at) }];
    }
    case 'AddSchedulerVersion': {
      const current = requireExisting(state, command.scheduler.name);
      const version = command.scheduler.spec.version;
      if (current.versions.some((stored) => stored.spec.version === version)) {
        throw new InvalidSchedulerError(`version ${version} already exists`);
      }
      return [
        {
          type: 'SchedulerVersionCreated',
          data: {
            scheduler: { ...command.scheduler, createdAt: command.at },
            isMajor: command.isMajor,
            previousVersion: current.scheduler.spec.version,
            createdAt: command.at,
          },
        },
      ];
    }
    case 'SwitchActiveVersion': {
      const current = requireExisting(state, undefined);
      const name = current.scheduler.name;
      if (!current.versions.some((stored) => stored.spec.version === command.version)) {
        throw new SchedulerVersionNotFoundError(name, command.version);
      }
      const events: SchedulerEvent[] = [
        {
          type: 'ActiveVersionSwitched',
          data: {
            schedulerName: name,
            version: command.version,
            previousVersion: current.scheduler.spec.version,
            switchedAt: command.at,
          },
        },
      ];
      if (current.scheduler.state !== 'in-sync') {
        events.push(stateChanged(name, 'in-sync', command.at));
      }
      return events;
    }
    case 'ChangeSchedulerState': {
      const current = requireExisting(state, undefined);
      if (current.scheduler.state === command.state) return [];
      return [stateChanged(current.scheduler.name, command.state, command.at)];
    }
    case 'DeleteScheduler': {
      const current = requireExisting(state, undefined);
      return [
        { type: 'SchedulerDeleted', data: { schedulerName: current.scheduler.name, deletedAt: command.at } },
      ];
    }
  }
}

export function evolveScheduler(state: SchedulerStreamState, event: SchedulerEvent): SchedulerStreamState {
  switch (event.type) {
    case 'SchedulerCreated':
      return { exists: true, scheduler: event.data, versions: [event.data] };
    case 'SchedulerVersionCreated':
      if (!state.exists) return state;
      return { ...state, versions: [...state.versions, event.data.scheduler] };
    case 'ActiveVersionSwitched': {
      if (!state.exists) return state;
      const next = state.versions.find((stored) => stored.spec.version === event.data.version);
      if (!next) return state;
      return { ...state, scheduler: { ...next, state: state.scheduler.state } };
    }
    case 'SchedulerStateChanged':
      if (!state.exists) return state;
      return { ...state, scheduler: { ...state.scheduler, state: event.data.state } };
    case 'SchedulerDeleted':
      return initialSchedulerStreamState;
  }
}

export const schedulerDecider = {
  decide: decideScheduler,
  evolve: evolveScheduler,
  initialState: initialSchedulerStreamState,
} as const;

function requireExisting(
  state: SchedulerStreamState,
  name: string | undefined,
): Extract<SchedulerStreamState, { exists: true }> {
  if (!state.exists) throw new SchedulerNotFoundError(name ?? '');
  return state;
}

function stateChanged(schedulerName: string, state: SchedulerState, at: string): SchedulerStateChanged {
  return { type: 'SchedulerStateChanged', data: { schedulerName, state, changedAt: at } };
}
