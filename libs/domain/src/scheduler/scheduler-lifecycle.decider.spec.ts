import { type Scheduler } from './scheduler';
import {
  type SchedulerCreated,
  type SchedulerEvent,
  decideScheduler,
  evolveScheduler,
  initialSchedulerStreamState,
} from './scheduler.decider';
import { aDefinition } from './scheduler-definition.fixture';
import { SchedulerNotFoundError, SchedulerVersionNotFoundError } from './scheduler-errors';
import { planSchedulerVersion, withVersion } from './scheduler-version-plan';

const at = (minute: number) => `2026-11-28T10:${String(minute).padStart(2, '0')}:00.000Z`;

function fold(events: readonly SchedulerEvent[]) {
  return events.reduce(evolveScheduler, initialSchedulerStreamState);
}

/** Runs commands one after the other, each against the state the previous ones left. */
function run(...steps: ((state: ReturnType<typeof fold>) => Parameters<typeof decideScheduler>[0])[]) {
  const events: SchedulerEvent[] = [];
  for (const step of steps) events.push(...decideScheduler(step(fold(events)), fold(events)));
  return { events, state: fold(events) };
}

const create = () => ({ kind: 'CreateScheduler' as const, definition: aDefinition(), at: at(0) });

/** A new version of the active scheduler with the next number (`replicas` makes it differ). */
function newVersion(isMajor: boolean, minute: number, replicas: number) {
  return (state: ReturnType<typeof fold>) => {
    if (!state.exists) throw new Error('no scheduler');
    const plan = planSchedulerVersion(state.versions, state.scheduler, isMajor);
    const candidate: Scheduler = withVersion({ ...state.scheduler, roomsReplicas: replicas }, plan.version);
    return { kind: 'AddSchedulerVersion' as const, scheduler: candidate, isMajor, at: at(minute) };
  };
}

const switchTo = (version: string, minute: number) => () => ({
  kind: 'SwitchActiveVersion' as const,
  version,
  at: at(minute),
});

/** Adds a version and switches to it, as the new-version operation does. */
function addAndSwitch(isMajor: boolean, minute: number, replicas: number) {
  return [
    newVersion(isMajor, minute, replicas),
    (state: ReturnType<typeof fold>) => {
      if (!state.exists) throw new Error('no scheduler');
      return switchTo(state.versions.at(-1)!.spec.version, minute)();
    },
  ];
}

describe('scheduler lifecycle decisions', () => {
  it('numbers versions as Maestro does: minor, major, switch back, minor, major', () => {
    const actives: string[] = [];
    const steps = [
      ...addAndSwitch(false, 1, 3),
      ...addAndSwitch(true, 2, 4),
      switchTo('v1.0.0', 3),
      ...addAndSwitch(false, 4, 5),
      ...addAndSwitch(true, 5, 6),
    ];
    const events: SchedulerEvent[] = [];
    events.push(...decideScheduler(create(), fold(events)));
    for (const step of steps) {
      const state = fold(events);
      const decided = decideScheduler(step(state), state);
      events.push(...decided);
      for (const event of decided)
        if (event.type === 'ActiveVersionSwitched') actives.push(event.data.version);
    }
    expect(actives).toEqual(['v1.1.0', 'v2.0.0', 'v1.0.0', 'v1.2.0', 'v3.0.0']);
    const state = fold(events);
    if (!state.exists) throw new Error('scheduler expected');
    expect(state.versions.map((version) => version.spec.version)).toEqual([
      'v1.0.0',
      'v1.1.0',
      'v2.0.0',
      'v1.2.0',
      'v3.0.0',
    ]);
    expect(state.scheduler.spec.version).toBe('v3.0.0');
    expect(state.scheduler.roomsReplicas).toBe(6);
  });

  it('stores a new version with the previous active one and its own creation time, without activating it', () => {
    const { events, state } = run(() => create(), newVersion(true, 7, 9));
    expect(events[1]).toMatchObject({
      type: 'SchedulerVersionCreated',
      data: { isMajor: true, previousVersion: 'v1.0.0', createdAt: at(7) },
    });
    if (!state.exists) throw new Error('scheduler expected');
    expect(state.scheduler.spec.version).toBe('v1.0.0');
    expect(state.versions.at(-1)?.createdAt).toBe(at(7));
  });

  it('turns the scheduler in-sync on a switch, and only changes state when it differs', () => {
    const { events } = run(() => create(), switchTo('v1.0.0', 1));
    expect(events.map((event) => event.type)).toEqual([
      'SchedulerCreated',
      'ActiveVersionSwitched',
      'SchedulerStateChanged',
    ]);
    const after = fold(events);
    expect(decideScheduler({ kind: 'ChangeSchedulerState', state: 'in-sync', at: at(2) }, after)).toEqual([]);
  });

  it('refuses to switch to a version that does not exist, and commands on a missing scheduler', () => {
    const { state } = run(() => create());
    expect(() => decideScheduler(switchTo('v9.0.0', 1)(), state)).toThrow(SchedulerVersionNotFoundError);
    expect(() =>
      decideScheduler({ kind: 'DeleteScheduler', at: at(1) }, initialSchedulerStreamState),
    ).toThrow(SchedulerNotFoundError);
  });

  it('forgets a deleted scheduler so that its name can be created again at v1.0.0', () => {
    const { events, state } = run(
      () => create(),
      newVersion(true, 1, 3),
      () => ({ kind: 'DeleteScheduler', at: at(2) }),
      () => create(),
    );
    expect(events.map((event) => event.type)).toEqual([
      'SchedulerCreated',
      'SchedulerVersionCreated',
      'SchedulerDeleted',
      'SchedulerCreated',
    ]);
    if (!state.exists) throw new Error('scheduler expected');
    expect(state.versions).toEqual([(events[3] as SchedulerCreated).data]);
  });
});
