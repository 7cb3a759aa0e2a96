import {
  assignHostPorts,
  decideGameRoom,
  evolveGameRoom,
  type GameRoom,
  type GameRoomCommand,
  type GameRoomEvent,
  newRoomId,
  observeGameRoom,
  type RoomDeletionReason,
  roomStreamId,
  type Scheduler,
} from '@maestro/domain';
import { type Clock } from '../ports/clock.port';
import { type EventStore } from '../ports/event-store.port';
import { type GameRoomRuntime, type InstanceEvent, type RoomInstance } from '../ports/game-room-runtime.port';
import { type AppLogger } from '../ports/logger.port';
import { type Randomness } from '../ports/randomness.port';
import { type Fleet, isLive } from './fleet';
import { KeyedSerialQueue } from './keyed-serial-queue';
import { roomsToRemove } from './room-removal.policy';

export interface RoomPing {
  readonly schedulerName: string;
  readonly roomId: string;
  readonly status: 'ready' | 'occupied' | 'terminating' | 'terminated';
  readonly runningMatches: number;
  readonly receivedAt: string;
}

export interface FleetControllerOptions {
  /** A room whose instance was never reported this long after creation gets its instance created again. */
  readonly instanceStartGraceMs: number;
}

/**
 * Keeps every scheduler's rooms at the desired count and folds pings and instance changes into
 * room statuses. Each scheduler's changes run one at a time (KeyedSerialQueue); every decision is
 * an event appended before the runtime is touched, so a worker killed at any moment resumes from
 * the log and the runtime's labels: no duplicate, no orphan.
 */
export class FleetController {
  private readonly fleets = new Map<string, Fleet>();
  private readonly queue: KeyedSerialQueue;

  constructor(
    private readonly eventStore: EventStore,
    private readonly runtime: GameRoomRuntime,
    private readonly clock: Clock,
    private readonly randomness: Randomness,
    private readonly logger: AppLogger,
    private readonly options: FleetControllerOptions,
  ) {
    this.queue = new KeyedSerialQueue((schedulerName, error) => {
      this.logger.error('fleet step failed', { schedulerName, error: describe(error) });
    });
  }

  /** The schedulers and rooms known at start-up, before any change is handled. */
  restore(schedulers: readonly Scheduler[], rooms: readonly GameRoom[]): void {
    for (const scheduler of schedulers) this.fleetOf(scheduler);
    for (const room of rooms) this.fleets.get(room.schedulerName)?.rooms.set(room.roomId, room);
  }

  /**
   * Matches the restored rooms with the instances the runtime has: instances nobody owns are
   * removed, rooms that never got their instance get it, rooms whose instance vanished are replaced.
   */
  async adopt(instances: readonly RoomInstance[]): Promise<void> {
    const bySchedulerName = new Map<string, RoomInstance[]>();
    for (const instance of instances) {
      const list = bySchedulerName.get(instance.schedulerName) ?? [];
      list.push(instance);
      bySchedulerName.set(instance.schedulerName, list);
    }
    const names = new Set([...this.fleets.keys(), ...bySchedulerName.keys()]);
    await Promise.all(
      [...names].map((name) =>
        this.queue.run(name, async () => {
          const fleet = this.fleets.get(name);
          const present = bySchedulerName.get(name) ?? [];
          if (!fleet) {
            for (const orphan of present) await this.removeOrphan(orphan.schedulerName, orphan.roomId);
            return;
          }
          await this.ensureRuntime(fleet);
          const presentIds = new Set(present.map((instance) => instance.roomId));
          for (const instance of present) await this.applyInstance(fleet, instance);
          for (const room of [...fleet.rooms.values()]) {
            if (presentIds.has(room.roomId)) continue;
            if (room.status === 'pending') await this.startInstance(fleet, room);
            else await this.deleteRoom(fleet, room, 'instance_vanished');
          }
          await this.reconcileFleet(fleet);
        }),
      ),
    );
  }

  /** A scheduler was created or changed: adopt its spec and bring its rooms to the desired count. */
  upsertScheduler(scheduler: Scheduler): Promise<void> {
    return this.queue.run(scheduler.name, async () => {
      const fleet = this.fleetOf(scheduler);
      fleet.scheduler = scheduler;
      await this.reconcileFleet(fleet);
    });
  }

  recordPing(ping: RoomPing): Promise<void> {
    return this.queue.run(ping.schedulerName, async () => {
      const fleet = this.fleets.get(ping.schedulerName);
      const room = fleet?.rooms.get(ping.roomId);
      if (!fleet || !room) return;
      // A redelivered or late ping must not roll a room back to what it said before.
      if (room.lastPingAt !== undefined && ping.receivedAt < room.lastPingAt) return;
      if (ping.receivedAt < room.createdAt) return;
      await this.handle(fleet, room, {
        kind: 'RecordPing',
        pingStatus: ping.status,
        runningMatches: ping.runningMatches,
        maxMatches: fleet.scheduler.matchAllocation.maxMatches,
        at: ping.receivedAt,
      });
      const after = fleet.rooms.get(ping.roomId);
      if (after?.status === 'terminated') await this.deleteRoom(fleet, after, 'expired_room');
      await this.reconcileFleet(fleet);
    });
  }

  recordInstanceEvent(event: InstanceEvent): Promise<void> {
    const schedulerName = event.kind === 'upserted' ? event.instance.schedulerName : event.schedulerName;
    return this.queue.run(schedulerName, async () => {
      const fleet = this.fleets.get(schedulerName);
      if (event.kind === 'deleted') {
        const room = fleet?.rooms.get(event.roomId);
        if (fleet && room) {
          await this.deleteRoom(fleet, room, 'instance_vanished');
          await this.reconcileFleet(fleet);
        }
        return;
      }
      if (!fleet?.rooms.has(event.instance.roomId)) {
        await this.removeOrphan(schedulerName, event.instance.roomId, event.instance.status);
        return;
      }
      await this.applyInstance(fleet, event.instance);
      await this.reconcileFleet(fleet);
    });
  }

  /** The periodic safety net: every scheduler is reconciled even when no event arrived. */
  async reconcileAll(): Promise<void> {
    await Promise.all(
      [...this.fleets.values()].map((fleet) =>
        this.queue.run(fleet.scheduler.name, async () => {
          await this.restartStuckInstances(fleet);
          await this.reconcileFleet(fleet);
        }),
      ),
    );
  }

  /** Waits for every queued change; for shutdown and tests. */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  rooms(schedulerName: string): GameRoom[] {
    return [...(this.fleets.get(schedulerName)?.rooms.values() ?? [])];
  }

  private fleetOf(scheduler: Scheduler): Fleet {
    let fleet = this.fleets.get(scheduler.name);
    if (!fleet) {
      fleet = { scheduler, rooms: new Map(), instancesSeen: new Set(), runtimeReady: false };
      this.fleets.set(scheduler.name, fleet);
    }
    return fleet;
  }

  private async ensureRuntime(fleet: Fleet): Promise<void> {
    if (fleet.runtimeReady) return;
    await this.runtime.ensureScheduler(fleet.scheduler.name);
    fleet.runtimeReady = true;
  }

  private async reconcileFleet(fleet: Fleet): Promise<void> {
    await this.ensureRuntime(fleet);
    for (const room of [...fleet.rooms.values()]) {
      if (room.status === 'error') {
        await this.deleteRoom(fleet, room, 'instance_failed');
      }
    }
    const live = [...fleet.rooms.values()].filter(isLive);
    const desired = fleet.scheduler.roomsReplicas;
    if (live.length < desired) {
      for (let missing = desired - live.length; missing > 0; missing--) await this.createRoom(fleet);
    } else if (live.length > desired) {
      for (const room of roomsToRemove(live, live.length - desired))
        await this.deleteRoom(fleet, room, 'scale_down');
    }
  }

  private async createRoom(fleet: Fleet): Promise<void> {
    const { scheduler } = fleet;
    const portsInUse = new Set(
      [...fleet.rooms.values()].flatMap((room) => room.ports.map((port) => port.hostPort)),
    );
    let roomId = newRoomId(scheduler.name, () => this.randomness.fraction());
    while (fleet.rooms.has(roomId)) roomId = newRoomId(scheduler.name, () => this.randomness.fraction());
    const ports = assignHostPorts(scheduler.spec.containers, scheduler.portRange, portsInUse, () =>
      this.randomness.fraction(),
    );
    const room = await this.handle(fleet, undefined, {
      kind: 'CreateRoom',
      schedulerName: scheduler.name,
      roomId,
      version: scheduler.spec.version,
      ports,
      isValidationRoom: false,
      at: this.now(),
    });
    if (room) await this.startInstance(fleet, room);
  }

  private async startInstance(fleet: Fleet, room: GameRoom): Promise<void> {
    const { scheduler } = fleet;
    try {
      await this.runtime.createInstance({
        schedulerName: scheduler.name,
        roomId: room.roomId,
        version: room.version,
        containers: scheduler.spec.containers,
        ports: room.ports,
        terminationGracePeriodSeconds: scheduler.spec.terminationGracePeriodSeconds,
        toleration: scheduler.spec.toleration,
        affinity: scheduler.spec.affinity,
        labels: scheduler.labels,
        annotations: scheduler.annotations,
        isValidationRoom: room.isValidationRoom,
      });
    } catch (error) {
      // The room stays pending; the periodic reconcile starts its instance again.
      this.logger.warn('could not start room instance, will retry', {
        schedulerName: scheduler.name,
        roomId: room.roomId,
        error: describe(error),
      });
    }
  }

  private async restartStuckInstances(fleet: Fleet): Promise<void> {
    const now = this.clock.now().getTime();
    for (const room of fleet.rooms.values()) {
      const age = now - new Date(room.createdAt).getTime();
      if (
        room.status === 'pending' &&
        !fleet.instancesSeen.has(room.roomId) &&
        age > this.options.instanceStartGraceMs
      ) {
        await this.startInstance(fleet, room);
      }
    }
  }

  private async applyInstance(fleet: Fleet, instance: RoomInstance): Promise<void> {
    const room = fleet.rooms.get(instance.roomId);
    if (!room) return;
    fleet.instancesSeen.add(instance.roomId);
    await this.handle(fleet, room, {
      kind: 'RecordInstanceStatus',
      instanceStatus: instance.status,
      maxMatches: fleet.scheduler.matchAllocation.maxMatches,
      at: this.now(),
    });
  }

  private async deleteRoom(fleet: Fleet, room: GameRoom, reason: RoomDeletionReason): Promise<void> {
    await this.handle(fleet, room, { kind: 'DeleteRoom', reason, at: this.now() });
    fleet.instancesSeen.delete(room.roomId);
    try {
      await this.runtime.deleteInstance(room.schedulerName, room.roomId);
    } catch (error) {
      // The room is gone from the log; its instance is an orphan the next re-list removes.
      this.logger.warn('could not delete room instance, the next re-list will', {
        schedulerName: room.schedulerName,
        roomId: room.roomId,
        error: describe(error),
      });
    }
  }

  private async removeOrphan(schedulerName: string, roomId: string, status?: string): Promise<void> {
    if (status === 'terminating') return;
    this.logger.info('removing an instance no room owns', { schedulerName, roomId });
    await this.runtime.deleteInstance(schedulerName, roomId);
  }

  /**
   * Decides, appends and applies: the events are stored (with the read model, in one transaction)
   * before memory changes, so memory never runs ahead of the log.
   */
  private async handle(
    fleet: Fleet,
    room: GameRoom | undefined,
    command: GameRoomCommand,
  ): Promise<GameRoom | undefined> {
    const events = decideGameRoom(command, room);
    const observed = room ? observeGameRoom(room, command) : undefined;
    if (events.length > 0) await this.append(events);
    const after = events.reduce<GameRoom | undefined>(evolveGameRoom, observed);
    const roomId = room?.roomId ?? (command.kind === 'CreateRoom' ? command.roomId : undefined);
    if (roomId === undefined) return after;
    if (after) fleet.rooms.set(roomId, after);
    else fleet.rooms.delete(roomId);
    return after;
  }

  private async append(events: readonly GameRoomEvent[]): Promise<void> {
    const first = events[0];
    if (!first) return;
    const { schedulerName, roomId } = first.data;
    await this.eventStore.append(
      roomStreamId(schedulerName, roomId),
      'any',
      events.map((event) => ({
        eventId: this.randomness.uuid(),
        type: event.type,
        schemaVersion: 1,
        data: { ...event.data },
        metadata: { subject: schedulerName, source: 'maestro/worker' },
      })),
    );
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
