import { type GameRoom } from '@maestro/domain';
import { InMemoryEventStore } from '@maestro/event-store';
import { InMemoryGameRoomRuntime } from '@maestro/k8s-runtime';
import { eventually } from '@maestro/testing';
import { harness, scheduler, statuses } from './fleet.fixture';

describe('fleet controller', () => {
  it('creates the desired rooms, each with its own host ports and the spec of its version', async () => {
    const { controller, runtime, stop } = await harness();
    await controller.upsertScheduler(scheduler());

    const rooms = controller.rooms('arena');
    expect(rooms).toHaveLength(3);
    const hostPorts = rooms.flatMap((room) => room.ports.map((port) => port.hostPort));
    expect(new Set(hostPorts).size).toBe(3);
    for (const room of rooms) {
      expect(room.roomId).toMatch(/^arena-[a-z0-9]{5}$/);
      const spec = runtime.specOf('arena', room.roomId);
      expect(spec).toMatchObject({
        version: 'v1.0.0',
        terminationGracePeriodSeconds: 100,
        isValidationRoom: false,
      });
      expect(spec?.ports).toEqual(room.ports);
    }
    await eventually(() => {
      expect(statuses(controller.rooms('arena'))).toEqual(['unready', 'unready', 'unready']);
    });
    await stop();
  });

  it('creates many rooms side by side, none sharing a host port even in a range they fill', async () => {
    const { controller, runtime, stop } = await harness();
    await controller.upsertScheduler(
      scheduler({ roomsReplicas: 40, portRange: { start: 20_000, end: 20_039 } }),
    );
    const rooms = controller.rooms('arena');
    expect(rooms).toHaveLength(40);
    const hostPorts = rooms.flatMap((room) => room.ports.map((port) => port.hostPort));
    expect(new Set(hostPorts).size).toBe(40);
    expect(new Set(rooms.map((room) => room.roomId)).size).toBe(40);
    for (const room of rooms) expect(runtime.specOf('arena', room.roomId)?.ports).toEqual(room.ports);
    await stop();
  });

  it('creates the rooms the port range still has room for when it runs out', async () => {
    const { controller, stop } = await harness();
    await controller
      .upsertScheduler(scheduler({ roomsReplicas: 5, portRange: { start: 20_000, end: 20_002 } }))
      .catch(() => undefined);
    expect(controller.rooms('arena')).toHaveLength(3);
    await stop();
  });

  it('records every decision as events on the rooms’ streams', async () => {
    const { controller, events, stop } = await harness();
    await controller.upsertScheduler(scheduler({ roomsReplicas: 1 }));
    const [room] = controller.rooms('arena');
    await eventually(() => {
      expect(controller.rooms('arena')[0]?.status).toBe('unready');
    });
    const stream = await events.readStream(`room:arena/${room!.roomId}`);
    expect(stream.map((event) => [event.type, event.metadata.subject])).toEqual([
      ['RoomCreated', 'arena'],
      ['RoomStatusChanged', 'arena'],
      ['RoomAddressAssigned', 'arena'],
    ]);
    await stop();
  });

  it('publishes where a placed room is reached, once per address', async () => {
    const { controller, events, runtime, stop } = await harness();
    await controller.upsertScheduler(scheduler({ roomsReplicas: 1 }));
    const [room] = controller.rooms('arena');
    await eventually(() => {
      expect(controller.rooms('arena')[0]?.status).toBe('unready');
    });
    // The instance reported again (a re-list, a status change) at the same address.
    await controller.adopt(await runtime.listInstances());
    const stream = await events.readStream(`room:arena/${room!.roomId}`);
    const assigned = stream.filter((event) => event.type === 'RoomAddressAssigned');
    expect(assigned.map((event) => event.data)).toEqual([
      {
        schedulerName: 'arena',
        roomId: room!.roomId,
        host: '127.0.0.1',
        ports: room!.ports.map((port) => ({ name: port.name, protocol: port.protocol, port: port.hostPort })),
        assignedAt: expect.any(String),
      },
    ]);
    await stop();
  });

  it('folds pings into ready and occupied once the instance is ready', async () => {
    const { controller, clock, stop } = await harness();
    await controller.upsertScheduler(scheduler());
    await eventually(() => {
      expect(statuses(controller.rooms('arena'))).toEqual(['unready', 'unready', 'unready']);
    });
    const [a, b, c] = controller.rooms('arena').map((room) => room.roomId);
    clock.advance(1_000);
    const at = clock.now().toISOString();
    await controller.recordPing({
      schedulerName: 'arena',
      roomId: a!,
      status: 'ready',
      runningMatches: 0,
      receivedAt: at,
    });
    await controller.recordPing({
      schedulerName: 'arena',
      roomId: b!,
      status: 'ready',
      runningMatches: 0,
      receivedAt: at,
    });
    await controller.recordPing({
      schedulerName: 'arena',
      roomId: c!,
      status: 'occupied',
      runningMatches: 0,
      receivedAt: at,
    });
    expect(statuses(controller.rooms('arena'))).toEqual(['occupied', 'ready', 'ready']);
    await stop();
  });

  it('ignores a ping older than the last one it applied', async () => {
    const { controller, clock, stop } = await harness();
    await controller.upsertScheduler(scheduler({ roomsReplicas: 1 }));
    await eventually(() => {
      expect(controller.rooms('arena')[0]?.status).toBe('unready');
    });
    const roomId = controller.rooms('arena')[0]!.roomId;
    const early = new Date(clock.now().getTime() + 1_000).toISOString();
    const late = new Date(clock.now().getTime() + 2_000).toISOString();
    await controller.recordPing({
      schedulerName: 'arena',
      roomId,
      status: 'occupied',
      runningMatches: 1,
      receivedAt: late,
    });
    await controller.recordPing({
      schedulerName: 'arena',
      roomId,
      status: 'ready',
      runningMatches: 0,
      receivedAt: early,
    });
    expect(controller.rooms('arena')[0]?.status).toBe('occupied');
    await stop();
  });

  it('folds a batch of pings into its rooms with one append for all their status changes', async () => {
    const { controller, events, clock, stop } = await harness();
    await controller.upsertScheduler(scheduler({ roomsReplicas: 3 }));
    await eventually(() => {
      expect(statuses(controller.rooms('arena'))).toEqual(['unready', 'unready', 'unready']);
    });
    const [a, b, c] = controller.rooms('arena').map((room) => room.roomId);
    const appendsOfOneRoom = jest.spyOn(events, 'append');
    const appendsOfManyRooms = jest.spyOn(events, 'appendToStreams');
    const at = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();
    const ping = (roomId: string, status: 'ready' | 'occupied', ms: number) => ({
      schedulerName: 'arena',
      roomId,
      status,
      runningMatches: status === 'occupied' ? 1 : 0,
      receivedAt: at(ms),
    });

    await controller.recordPings('arena', [
      ping(a!, 'ready', 1_000),
      ping(b!, 'ready', 1_000),
      ping(a!, 'occupied', 2_000),
      ping(c!, 'occupied', 1_000),
      // Redelivered: older than what the batch already applied to the room.
      ping(a!, 'ready', 1_500),
    ]);

    expect(statuses(controller.rooms('arena'))).toEqual(['occupied', 'occupied', 'ready']);
    expect(appendsOfOneRoom).not.toHaveBeenCalled();
    expect(appendsOfManyRooms).toHaveBeenCalledTimes(1);
    const statusChangesOfA = (await events.readStream(`room:arena/${a!}`))
      .filter((event) => event.type === 'RoomStatusChanged')
      .map((event) => (event.data as { status: string }).status);
    expect(statusChangesOfA.slice(-2)).toEqual(['ready', 'occupied']);
    expect(controller.rooms('arena').find((room) => room.roomId === a)?.lastPingAt).toBe(at(2_000));
    await stop();
  });

  it('removes and replaces a room that pings terminating then terminated within one batch', async () => {
    const { controller, clock, stop } = await harness();
    await controller.upsertScheduler(scheduler({ roomsReplicas: 1 }));
    await eventually(() => {
      expect(controller.rooms('arena')[0]?.status).toBe('unready');
    });
    const roomId = controller.rooms('arena')[0]!.roomId;
    const at = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();
    await controller.recordPings('arena', [
      { schedulerName: 'arena', roomId, status: 'terminating', runningMatches: 0, receivedAt: at(1_000) },
      { schedulerName: 'arena', roomId, status: 'terminated', runningMatches: 0, receivedAt: at(2_000) },
    ]);

    await eventually(() => {
      const rooms = controller.rooms('arena');
      expect(rooms.map((room) => room.roomId)).not.toContain(roomId);
      expect(rooms).toHaveLength(1);
    });
    await stop();
  });

  it('replaces a room whose instance vanished', async () => {
    const { controller, runtime, stop } = await harness();
    await controller.upsertScheduler(scheduler());
    await eventually(() => {
      expect(statuses(controller.rooms('arena'))).toEqual(['unready', 'unready', 'unready']);
    });
    const victim = controller.rooms('arena')[0]!.roomId;
    runtime.simulateVanish('arena', victim);
    await eventually(async () => {
      const rooms = controller.rooms('arena');
      expect(rooms.map((room) => room.roomId)).not.toContain(victim);
      expect(rooms).toHaveLength(3);
      expect(await runtime.listInstances('arena')).toHaveLength(3);
    });
    await stop();
  });

  it('replaces a room whose instance failed', async () => {
    const { controller, runtime, stop } = await harness();
    await controller.upsertScheduler(scheduler({ roomsReplicas: 2 }));
    await eventually(() => {
      expect(statuses(controller.rooms('arena'))).toEqual(['unready', 'unready']);
    });
    const failing = controller.rooms('arena')[0]!.roomId;
    runtime.setInstanceStatus('arena', failing, 'error', 'CrashLoopBackOff: back-off');
    await eventually(async () => {
      expect(controller.rooms('arena').map((room) => room.roomId)).not.toContain(failing);
      expect((await runtime.listInstances('arena')).map((instance) => instance.roomId)).not.toContain(
        failing,
      );
      expect(statuses(controller.rooms('arena'))).toEqual(['unready', 'unready']);
    });
    await stop();
  });

  it('removes idle rooms before occupied ones when the desired count drops', async () => {
    const { controller, clock, stop } = await harness();
    await controller.upsertScheduler(scheduler());
    await eventually(() => {
      expect(statuses(controller.rooms('arena'))).toEqual(['unready', 'unready', 'unready']);
    });
    const occupied = controller.rooms('arena')[0]!.roomId;
    await controller.recordPing({
      schedulerName: 'arena',
      roomId: occupied,
      status: 'occupied',
      runningMatches: 1,
      receivedAt: new Date(clock.now().getTime() + 1).toISOString(),
    });
    await controller.upsertScheduler(scheduler({ roomsReplicas: 1 }));
    expect(controller.rooms('arena').map((room) => room.roomId)).toEqual([occupied]);
    await stop();
  });

  describe('after a restart', () => {
    it('adopts the running instances without creating any, and removes instances no room owns', async () => {
      const events = new InMemoryEventStore();
      const runtime = new InMemoryGameRoomRuntime();
      const first = await harness(runtime, events);
      await first.controller.upsertScheduler(scheduler());
      await eventually(() => {
        expect(statuses(first.controller.rooms('arena'))).toEqual(['unready', 'unready', 'unready']);
      });
      const rooms = first.controller.rooms('arena');
      await first.stop();
      // An instance left behind by a crash between its room's deletion and the instance's.
      await runtime.createInstance({ ...runtime.specOf('arena', rooms[0]!.roomId)!, roomId: 'arena-orphn' });

      const second = await harness(runtime, events, async (controller) => {
        controller.restore([scheduler()], rooms);
        await controller.adopt(await runtime.listInstances());
      });
      await second.controller.reconcileAll();
      await eventually(async () => {
        const ids = (await runtime.listInstances('arena')).map((instance) => instance.roomId).sort();
        expect(ids).toEqual(rooms.map((room) => room.roomId).sort());
      });
      expect(second.controller.rooms('arena')).toHaveLength(3);
      await second.stop();
    });

    it('starts the instance of a room that was stored but never started, and replaces one that vanished', async () => {
      const runtime = new InMemoryGameRoomRuntime();
      const base = { schedulerName: 'arena', version: 'v1.0.0', isValidationRoom: false, runningMatches: 0 };
      const neverStarted: GameRoom = {
        ...base,
        roomId: 'arena-pendg',
        ports: [
          { containerName: 'game', name: 'game', protocol: 'udp', containerPort: 7777, hostPort: 20_001 },
        ],
        status: 'pending',
        pingStatus: 'unknown',
        instanceStatus: 'unknown',
        createdAt: '2026-11-27T09:59:59.000Z',
      };
      const vanished: GameRoom = {
        ...neverStarted,
        roomId: 'arena-gone1',
        ports: [
          { containerName: 'game', name: 'game', protocol: 'udp', containerPort: 7777, hostPort: 20_002 },
        ],
        status: 'ready',
        pingStatus: 'ready',
        instanceStatus: 'ready',
      };
      const { controller, stop } = await harness(runtime, undefined, async (restoring) => {
        restoring.restore([scheduler({ roomsReplicas: 2 })], [neverStarted, vanished]);
        await restoring.adopt([]);
      });
      await eventually(async () => {
        const ids = controller.rooms('arena').map((room) => room.roomId);
        expect(ids).toContain('arena-pendg');
        expect(ids).not.toContain('arena-gone1');
        expect(ids).toHaveLength(2);
        expect(await runtime.listInstances('arena')).toHaveLength(2);
      });
      await stop();
    });
  });
});
