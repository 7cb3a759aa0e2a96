import {
  type GameRoomRuntime,
  type InstanceEvent,
  type RoomInstance,
  type RoomInstanceSpec,
} from '@maestro/application';
import { randomBytes } from 'node:crypto';
import { eventually } from './eventually';
import { roomInstanceSpec as fixtureSpec } from './room-instance-spec.fixture';

export interface GameRoomRuntimeHarness {
  readonly runtime: GameRoomRuntime;
  /** Whether the scheduler still exists (its namespace, its directory): the port has no question for it. */
  schedulerExists(schedulerName: string): Promise<boolean>;
  /** How long the runtime may take to act: rooms starting, namespaces being deleted. */
  readonly settleTimeoutMs: number;
  /**
   * The rooms' command, for runtimes that really run it: one that keeps running until it is
   * stopped (`['sleep', '300']`). Without it, rooms get the fixture's command, which only a
   * runtime that runs no process (kwok, the in-memory twin) can start.
   */
  readonly roomCommand?: readonly string[];
  /** Releases what the harness holds (processes, timers) once a case is over. */
  close?(): Promise<void>;
}

/** Every event a watch delivered, looked up by room. */
class EventLog {
  readonly events: InstanceEvent[] = [];
  readonly record = (event: InstanceEvent): void => {
    this.events.push(event);
  };

  of(schedulerName: string, roomId: string): InstanceEvent[] {
    return this.events.filter((event) =>
      event.kind === 'upserted'
        ? event.instance.schedulerName === schedulerName && event.instance.roomId === roomId
        : event.schedulerName === schedulerName && event.roomId === roomId,
    );
  }

  /** The room as last reported: an instance, 'deleted', or undefined if never reported. */
  latest(schedulerName: string, roomId: string): RoomInstance | 'deleted' | undefined {
    const last = this.of(schedulerName, roomId).at(-1);
    if (!last) return undefined;
    return last.kind === 'upserted' ? last.instance : 'deleted';
  }
}

/**
 * Behaviour every GameRoomRuntime must have. The in-memory twin and the process runtime run it as
 * unit tests and the Kubernetes adapter against the real API server with kwok nodes, so no runtime
 * drifts from the others. "Ready" means what the worker relies on whatever the runtime: status
 * `ready` with an address (a host and the room's host ports). A real cluster is shared with other
 * tests: assertions only look at this suite's own schedulers. Failures are checked by their stable
 * `code`, which is what the worker acts on.
 */
export function gameRoomRuntimeContract(
  name: string,
  createHarness: () => Promise<GameRoomRuntimeHarness>,
): void {
  describe(`${name} (GameRoomRuntime contract)`, () => {
    let harness: GameRoomRuntimeHarness;
    let runtime: GameRoomRuntime;
    const schedulers: string[] = [];
    const watches: { stop(): Promise<void> }[] = [];

    const settle = <T>(probe: () => T | Promise<T>, description: string): Promise<T> =>
      eventually(probe, { timeoutMs: harness.settleTimeoutMs, intervalMs: 100, description });

    const newSchedulerName = (): string => {
      const schedulerName = `contract-${randomBytes(4).toString('hex')}`;
      schedulers.push(schedulerName);
      return schedulerName;
    };

    const newScheduler = async (): Promise<string> => {
      const schedulerName = newSchedulerName();
      await runtime.ensureScheduler(schedulerName);
      return schedulerName;
    };

    const watching = async (): Promise<EventLog> => {
      const log = new EventLog();
      watches.push(await runtime.watch(log.record));
      return log;
    };

    const roomInstanceSpec = (
      schedulerName: string,
      roomId: string,
      overrides: Partial<RoomInstanceSpec> = {},
    ): RoomInstanceSpec => {
      const spec = fixtureSpec(schedulerName, roomId, overrides);
      const command = harness.roomCommand;
      if (!command) return spec;
      const [first, ...others] = spec.containers;
      return first ? { ...spec, containers: [{ ...first, command: [...command] }, ...others] } : spec;
    };

    const readyInstance = (log: EventLog, schedulerName: string, roomId: string): Promise<RoomInstance> =>
      settle(() => {
        const latest = log.latest(schedulerName, roomId);
        expect(latest).toMatchObject({ status: 'ready' });
        return latest as RoomInstance;
      }, `${schedulerName}/${roomId} reported ready`);

    beforeEach(async () => {
      harness = await createHarness();
      runtime = harness.runtime;
    });

    afterEach(async () => {
      await Promise.all(watches.splice(0).map((watch) => watch.stop()));
      await Promise.all(schedulers.splice(0).map((schedulerName) => runtime.deleteScheduler(schedulerName)));
      await harness.close?.();
    });

    it('creates a scheduler, and creating it again is fine', async () => {
      const schedulerName = await newScheduler();
      await runtime.ensureScheduler(schedulerName);

      expect(await harness.schedulerExists(schedulerName)).toBe(true);
      expect(await runtime.listInstances(schedulerName)).toEqual([]);
    });

    it('reports a new room, then reports it ready at its node address with its host ports', async () => {
      const log = await watching();
      const schedulerName = await newScheduler();
      const spec = roomInstanceSpec(schedulerName, 'room-1');

      await runtime.createInstance(spec);

      const ready = await readyInstance(log, schedulerName, 'room-1');
      expect(ready).toMatchObject({
        schedulerName,
        roomId: 'room-1',
        version: 'v1.2.0',
        statusDescription: '',
      });
      expect(ready.address?.host).toMatch(/\S/);
      expect(ready.address?.ports).toEqual(spec.ports);
      const first = log.of(schedulerName, 'room-1')[0];
      expect(first?.kind).toBe('upserted');
    });

    it('keeps a single room when the same room is created twice', async () => {
      const schedulerName = await newScheduler();
      const spec = roomInstanceSpec(schedulerName, 'room-1');

      await runtime.createInstance(spec);
      await runtime.createInstance(spec);

      const rooms = await runtime.listInstances(schedulerName);
      expect(rooms.map((room) => room.roomId)).toEqual(['room-1']);
    });

    it("lists one scheduler's rooms on their own, and every scheduler's rooms together", async () => {
      const first = await newScheduler();
      const second = await newScheduler();
      await runtime.createInstance(roomInstanceSpec(first, 'room-a'));
      await runtime.createInstance(roomInstanceSpec(first, 'room-b'));
      await runtime.createInstance(roomInstanceSpec(second, 'room-c', { version: 'v2.0.0' }));

      const ofFirst = await runtime.listInstances(first);
      expect(ofFirst.map((room) => room.roomId).sort()).toEqual(['room-a', 'room-b']);
      expect(ofFirst.every((room) => room.schedulerName === first && room.version === 'v1.2.0')).toBe(true);

      const everyRoom = await runtime.listInstances();
      const ours = everyRoom.filter((room) => room.schedulerName === first || room.schedulerName === second);
      expect(ours.map((room) => `${room.schedulerName}/${room.roomId}/${room.version}`).sort()).toEqual(
        [`${first}/room-a/v1.2.0`, `${first}/room-b/v1.2.0`, `${second}/room-c/v2.0.0`].sort(),
      );
    });

    it('reports a deleted room as deleted and stops listing it', async () => {
      const log = await watching();
      const schedulerName = await newScheduler();
      await runtime.createInstance(roomInstanceSpec(schedulerName, 'room-1'));
      await readyInstance(log, schedulerName, 'room-1');

      await runtime.deleteInstance(schedulerName, 'room-1');

      await settle(() => {
        expect(log.latest(schedulerName, 'room-1')).toBe('deleted');
      }, 'deletion reported');
      await settle(async () => {
        expect(await runtime.listInstances(schedulerName)).toEqual([]);
      }, 'room no longer listed');
    });

    it('deletes a room that does not exist, even in a scheduler that does not exist', async () => {
      const schedulerName = await newScheduler();

      await runtime.deleteInstance(schedulerName, 'never-created');
      await runtime.deleteInstance(newSchedulerName(), 'never-created');
    });

    it('refuses to start a room of a scheduler that was never created', async () => {
      const schedulerName = newSchedulerName();

      const error: unknown = await runtime
        .createInstance(roomInstanceSpec(schedulerName, 'room-1'))
        .catch((thrown: unknown) => thrown);

      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ code: 'SchedulerNotProvisioned' });
    });

    it('deleting a scheduler deletes its rooms, then the scheduler itself; deleting it again is fine', async () => {
      const log = await watching();
      const schedulerName = await newScheduler();
      await runtime.createInstance(roomInstanceSpec(schedulerName, 'room-1'));
      await runtime.createInstance(roomInstanceSpec(schedulerName, 'room-2'));
      await readyInstance(log, schedulerName, 'room-1');
      await readyInstance(log, schedulerName, 'room-2');

      await runtime.deleteScheduler(schedulerName);

      await settle(() => {
        expect(log.latest(schedulerName, 'room-1')).toBe('deleted');
        expect(log.latest(schedulerName, 'room-2')).toBe('deleted');
      }, 'both rooms reported deleted');
      await settle(async () => {
        expect(await harness.schedulerExists(schedulerName)).toBe(false);
      }, 'scheduler namespace gone');
      expect(await runtime.listInstances(schedulerName)).toEqual([]);
      await runtime.deleteScheduler(schedulerName);
    });

    it('reports every existing room to a new watch before watch() returns (adoption after a restart)', async () => {
      const firstLog = await watching();
      const schedulerName = await newScheduler();
      await runtime.createInstance(roomInstanceSpec(schedulerName, 'room-1'));
      await runtime.createInstance(roomInstanceSpec(schedulerName, 'room-2'));
      await readyInstance(firstLog, schedulerName, 'room-1');
      await readyInstance(firstLog, schedulerName, 'room-2');
      await watches.pop()?.stop();

      const restartedLog = await watching();

      for (const roomId of ['room-1', 'room-2']) {
        expect(restartedLog.of(schedulerName, roomId)[0]).toMatchObject({
          kind: 'upserted',
          instance: { schedulerName, roomId, version: 'v1.2.0', status: 'ready' },
        });
      }
    });

    it('stops reporting to a watch once it is stopped', async () => {
      const stoppedLog = await watching();
      const stoppedWatch = watches.pop();
      const liveLog = await watching();
      const schedulerName = await newScheduler();

      await stoppedWatch?.stop();
      await runtime.createInstance(roomInstanceSpec(schedulerName, 'room-1'));

      await readyInstance(liveLog, schedulerName, 'room-1');
      expect(stoppedLog.of(schedulerName, 'room-1')).toEqual([]);
    });
  });
}
