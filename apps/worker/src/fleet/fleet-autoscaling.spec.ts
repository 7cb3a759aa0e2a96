import { type Autoscaling, type GameRoom } from '@maestro/domain';
import { scalingDecidedV1 } from '@maestro/contracts';
import { eventually } from '@maestro/testing';
import { harness, scheduler } from './fleet.fixture';

const roomOccupancy = (overrides: Partial<Autoscaling> = {}): Autoscaling => ({
  enabled: true,
  min: 1,
  max: 10,
  cooldownSeconds: 0,
  policy: { type: 'roomOccupancy', parameters: { roomOccupancy: { readyTarget: 0.5, downThreshold: 0.99 } } },
  ...overrides,
});

const count = (rooms: readonly GameRoom[], status: string) =>
  rooms.filter((room) => room.status === status).length;

describe('fleet controller: autoscaling and health', () => {
  it('scales with roomOccupancy as rooms turn occupied: (1,1) → (2,2) → (4,4) → (2,8) → (0,10)', async () => {
    const { controller, clock, stop } = await harness();
    await controller.upsertScheduler(scheduler({ roomsReplicas: 0, autoscaling: roomOccupancy() }));
    const ping = async (room: GameRoom, status: 'ready' | 'occupied') => {
      clock.advance(10);
      await controller.recordPing({
        schedulerName: 'arena',
        roomId: room.roomId,
        status,
        runningMatches: status === 'occupied' ? 1 : 0,
        receivedAt: clock.now().toISOString(),
      });
    };
    /** Every room that can be ready pings ready; returns the (ready, occupied) counts. */
    const settle = async (): Promise<[number, number]> => {
      await eventually(() => {
        expect(controller.rooms('arena').every((room) => room.status !== 'pending')).toBe(true);
      });
      for (const room of controller.rooms('arena')) if (room.status === 'unready') await ping(room, 'ready');
      await controller.drain();
      const rooms = controller.rooms('arena');
      if (rooms.some((room) => room.status === 'pending' || room.status === 'unready')) return settle();
      return [count(rooms, 'ready'), count(rooms, 'occupied')];
    };
    const occupyAllReady = async () => {
      for (const room of controller.rooms('arena')) if (room.status === 'ready') await ping(room, 'occupied');
      return settle();
    };

    expect(await settle()).toEqual([1, 0]);
    const seen = [await occupyAllReady()];
    seen.push(await occupyAllReady(), await occupyAllReady(), await occupyAllReady(), await occupyAllReady());
    expect(seen).toEqual([
      [1, 1],
      [2, 2],
      [4, 4],
      [2, 8],
      [0, 10],
    ]);
    await stop();
  });

  it('records each change of the target with its inputs as ScalingDecided', async () => {
    const { controller, events, stop } = await harness();
    await controller.upsertScheduler(scheduler({ roomsReplicas: 2, autoscaling: roomOccupancy({ min: 3 }) }));
    const stream = await events.readStream('scaling:arena');
    expect(stream.map((event) => event.type)).toEqual([scalingDecidedV1.type]);
    expect(scalingDecidedV1.schema.parse(stream[0]!.data)).toMatchObject({
      policy: 'roomOccupancy',
      target: 3,
      previousTarget: null,
      unclampedDesired: 0,
      min: 3,
      max: 10,
      clampedDesired: 3,
    });
    await controller.upsertScheduler(scheduler({ roomsReplicas: 2, autoscaling: roomOccupancy({ min: 3 }) }));
    expect(await events.readStream('scaling:arena')).toHaveLength(1);
    await stop();
  });

  it('holds a downscale back during the cooldown and applies it once the cooldown ran out', async () => {
    const { controller, clock, stop } = await harness();
    await controller.upsertScheduler(scheduler({ roomsReplicas: 4 }));
    await eventually(() => {
      expect(controller.rooms('arena').every((room) => room.status === 'unready')).toBe(true);
    });
    for (const room of controller.rooms('arena')) {
      await controller.recordPing({
        schedulerName: 'arena',
        roomId: room.roomId,
        status: 'ready',
        runningMatches: 0,
        receivedAt: clock.now().toISOString(),
      });
    }
    // A first downscale starts the cooldown; a second one within it is held back.
    await controller.upsertScheduler(
      scheduler({ roomsReplicas: 4, autoscaling: roomOccupancy({ min: 3, cooldownSeconds: 60 }) }),
    );
    expect(controller.rooms('arena')).toHaveLength(3);
    await controller.upsertScheduler(
      scheduler({ roomsReplicas: 4, autoscaling: roomOccupancy({ min: 1, cooldownSeconds: 60 }) }),
    );
    expect(controller.rooms('arena')).toHaveLength(3);
    clock.advance(61_000);
    await controller.reconcileAll();
    expect(controller.rooms('arena')).toHaveLength(1);
    await stop();
  });

  it('replaces a room that stopped pinging once the ping timeout passed', async () => {
    const { controller, clock, stop } = await harness();
    await controller.upsertScheduler(scheduler({ roomsReplicas: 1 }));
    await eventually(() => {
      expect(controller.rooms('arena')[0]?.status).toBe('unready');
    });
    const [silent] = controller.rooms('arena');
    await controller.recordPing({
      schedulerName: 'arena',
      roomId: silent!.roomId,
      status: 'ready',
      runningMatches: 0,
      receivedAt: clock.now().toISOString(),
    });
    clock.advance(240_001);
    await controller.reconcileAll();
    const [replacement] = controller.rooms('arena');
    expect(replacement?.roomId).not.toBe(silent!.roomId);
    expect(controller.rooms('arena')).toHaveLength(1);
    await stop();
  });

  it('takes in an allocation: the room stays allocated on ready pings within the TTL and counts as occupied', async () => {
    const { controller, clock, stop } = await harness();
    const fixedBuffer: Autoscaling = {
      enabled: true,
      min: 1,
      max: 10,
      cooldownSeconds: 0,
      policy: { type: 'fixedBuffer', parameters: { fixedBuffer: { amount: 1 } } },
    };
    await controller.upsertScheduler(scheduler({ roomsReplicas: 0, autoscaling: fixedBuffer }));
    await eventually(() => {
      expect(controller.rooms('arena')[0]?.status).toBe('unready');
    });
    const [room] = controller.rooms('arena');
    const pingReady = () =>
      controller.recordPing({
        schedulerName: 'arena',
        roomId: room!.roomId,
        status: 'ready',
        runningMatches: 0,
        receivedAt: clock.now().toISOString(),
      });
    await pingReady();
    await controller.observeAllocation('arena', room!.roomId, clock.now().toISOString());
    clock.advance(1_000);
    await pingReady();
    expect(controller.rooms('arena').find((candidate) => candidate.roomId === room!.roomId)?.status).toBe(
      'allocated',
    );
    // fixedBuffer counts the allocated room as taken: one more room keeps the buffer.
    expect(controller.rooms('arena')).toHaveLength(2);
    await stop();
  });
});
