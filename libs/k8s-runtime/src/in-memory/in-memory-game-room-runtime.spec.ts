import { type InstanceEvent } from '@maestro/application';
import { eventually, gameRoomRuntimeContract, roomInstanceSpec } from '@maestro/testing';
import { GameRoomRuntimeError } from '../game-room-runtime.error';
import { InMemoryGameRoomRuntime } from './in-memory-game-room-runtime.adapter';

gameRoomRuntimeContract('InMemoryGameRoomRuntime', () => {
  const runtime = new InMemoryGameRoomRuntime();
  return Promise.resolve({
    runtime,
    schedulerExists: (schedulerName: string) => Promise.resolve(runtime.hasScheduler(schedulerName)),
    settleTimeoutMs: 2_000,
  });
});

describe('InMemoryGameRoomRuntime test controls (manual lifecycle)', () => {
  let runtime: InMemoryGameRoomRuntime;
  let events: InstanceEvent[];

  const statuses = (): string[] =>
    events.map((event) => (event.kind === 'upserted' ? event.instance.status : 'deleted'));

  beforeEach(async () => {
    runtime = new InMemoryGameRoomRuntime({ lifecycle: 'manual' });
    events = [];
    await runtime.watch((event) => events.push(event));
    await runtime.ensureScheduler('arena');
    await runtime.createInstance(roomInstanceSpec('arena', 'room-1'));
  });

  it('leaves a new room pending until the test says otherwise', async () => {
    await eventually(() => {
      expect(statuses()).toEqual(['pending']);
    });
    expect(runtime.instance('arena', 'room-1')).toMatchObject({ status: 'pending' });
    expect(runtime.instance('arena', 'room-1')?.address).toBeUndefined();
  });

  it('moves a room to a status with its reason, and places it once it is ready', async () => {
    runtime.setInstanceStatus('arena', 'room-1', 'ready');
    runtime.setInstanceStatus('arena', 'room-1', 'error', 'CrashLoopBackOff: back-off restarting');

    await eventually(() => {
      expect(statuses()).toEqual(['pending', 'ready', 'error']);
    });
    expect(runtime.instance('arena', 'room-1')).toMatchObject({
      status: 'error',
      statusDescription: 'CrashLoopBackOff: back-off restarting',
      address: { host: '127.0.0.1', ports: runtime.specOf('arena', 'room-1')?.ports },
    });
  });

  it('reports a vanished room as deleted although nobody deleted it', async () => {
    runtime.simulateVanish('arena', 'room-1');

    await eventually(() => {
      expect(statuses()).toEqual(['pending', 'deleted']);
    });
    expect(await runtime.listInstances('arena')).toEqual([]);
  });

  it('keeps a deleted room terminating until its deletion completes', async () => {
    await runtime.deleteInstance('arena', 'room-1');
    expect(await runtime.listInstances('arena')).toMatchObject([{ roomId: 'room-1', status: 'terminating' }]);

    runtime.completeDeletions();

    await eventually(() => {
      expect(statuses()).toEqual(['pending', 'terminating', 'deleted']);
    });
  });

  it('refuses new rooms and re-creation while a scheduler is being deleted', async () => {
    await runtime.deleteScheduler('arena');

    expect(runtime.hasScheduler('arena')).toBe(true);
    await expect(runtime.ensureScheduler('arena')).rejects.toMatchObject({ code: 'SchedulerTerminating' });
    await expect(runtime.createInstance(roomInstanceSpec('arena', 'room-2'))).rejects.toMatchObject({
      code: 'SchedulerTerminating',
    });

    runtime.completeDeletions();
    expect(runtime.hasScheduler('arena')).toBe(false);
    await runtime.ensureScheduler('arena');
  });

  it('fails the next call of an operation when asked to, then works again', async () => {
    runtime.failNext('createInstance');

    const error: unknown = await runtime
      .createInstance(roomInstanceSpec('arena', 'room-2'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameRoomRuntimeError);
    expect(error).toMatchObject({ code: 'RuntimeUnavailable' });

    await runtime.createInstance(roomInstanceSpec('arena', 'room-2'));
    expect(runtime.specOf('arena', 'room-2')?.version).toBe('v1.2.0');
  });

  it('never calls a watcher from inside the call that caused the event', async () => {
    const before = events.length;
    runtime.setInstanceStatus('arena', 'room-1', 'ready');
    expect(events).toHaveLength(before);
    await eventually(() => {
      expect(events.length).toBeGreaterThan(before);
    });
  });
});

gameRoomRuntimeContract('InMemoryGameRoomRuntime without specs (simulated fleets)', () => {
  const runtime = new InMemoryGameRoomRuntime({ keepSpecs: false });
  return Promise.resolve({
    runtime,
    schedulerExists: (schedulerName: string) => Promise.resolve(runtime.hasScheduler(schedulerName)),
    settleTimeoutMs: 2_000,
  });
});

describe('InMemoryGameRoomRuntime without specs', () => {
  it('still places a ready room on its host ports, and has no spec to show', async () => {
    const runtime = new InMemoryGameRoomRuntime({ keepSpecs: false });
    await runtime.ensureScheduler('arena');
    const spec = roomInstanceSpec('arena', 'room-1');
    await runtime.createInstance(spec);

    expect(runtime.instance('arena', 'room-1')).toMatchObject({
      status: 'ready',
      address: { host: '127.0.0.1', ports: spec.ports },
    });
    expect(runtime.specOf('arena', 'room-1')).toBeUndefined();
  });
});
