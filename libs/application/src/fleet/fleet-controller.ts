import {
  assignHostPorts,
  classifyRoomHealth,
  countRooms,
  desiredRoomCount,
  type HealthTimeouts,
  nextExpiryAt,
  decideGameRoom,
  evolveGameRoom,
  type GameRoom,
  type GameRoomCommand,
  type GameRoomEvent,
  newRoomId,
  observeGameRoom,
  PortRangeExhaustedError,
  type RoomDeletionReason,
  roomStreamId,
  type RoomStatus,
  type Scheduler,
} from '@maestro/domain';
import { type Clock } from '../ports/clock.port';
import { type EventStore, type NewEvent } from '../ports/event-store.port';
import { type GameRoomRuntime, type InstanceEvent, type RoomInstance } from '../ports/game-room-runtime.port';
import { type AppLogger } from '../ports/logger.port';
import { type Randomness } from '../ports/randomness.port';
import { type Fleet } from './fleet';
import { foldPings, type RoomPing } from './ping-folding';
import { KeyedSerialQueue } from './keyed-serial-queue';
import { type FleetMetrics, NoFleetMetrics } from './fleet-metrics.port';
import { planFleet } from './rolling-update.policy';
import { runConcurrently } from './run-concurrently';
import { KeyedTimers } from './keyed-timers';
import { RoomAddressPublisher } from './room-address-publisher';
import { ScalingLog } from './scaling-log';

/**
 * Rooms whose events share one transaction: a large scale-up's `RoomCreated`, a Kafka batch's
 * status changes. A few appends for hundreds of rooms, each small enough to commit quickly.
 */
const roomsPerAppend = 100;

export interface FleetControllerOptions {
  /** A room whose instance was never reported this long after creation gets its instance created again. */
  readonly instanceStartGraceMs: number;
  /** When a room counts as expired (reference §7); defaults are Maestro's. */
  readonly timeouts: HealthTimeouts;
  /** How long an allocated room stays allocated while it pings ready. */
  readonly allocationTtlMs: number;
  /** Rooms of one scheduler created or removed side by side when a plan needs many. */
  readonly concurrentRoomChanges: number;
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
  /** Why an instance is in error, as the runtime said (reported by validation). */
  private readonly instanceDescriptions = new Map<string, string>();
  private readonly addresses: RoomAddressPublisher;
  /** One timer per scheduler, set to the next instant one of its rooms would expire. */
  private readonly expiryTimers = new KeyedTimers();
  /** The reconcile queued for a scheduler and not started yet, shared by whoever asks meanwhile. */
  private readonly pendingReconciles = new Map<string, Promise<void>>();
  private readonly scalingLog: ScalingLog;

  constructor(
    private readonly eventStore: EventStore,
    private readonly runtime: GameRoomRuntime,
    private readonly clock: Clock,
    private readonly randomness: Randomness,
    private readonly logger: AppLogger,
    private readonly options: FleetControllerOptions,
    private readonly metrics: FleetMetrics = new NoFleetMetrics(),
  ) {
    this.scalingLog = new ScalingLog(eventStore, randomness);
    this.addresses = new RoomAddressPublisher(clock, randomness);
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
            // A validation room outlives its operation only if a worker stopped mid-validation.
            if (room.isValidationRoom && !fleet.validationSpecs.has(room.roomId)) {
              await this.deleteRoom(fleet, room, 'validation_finished');
              continue;
            }
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

  /** Creates what the scheduler needs in the runtime (its namespace); for `create_scheduler`. */
  prepareRuntime(schedulerName: string): Promise<void> {
    return this.queue.call(schedulerName, async () => {
      const fleet = this.fleets.get(schedulerName);
      if (fleet) await this.ensureRuntime(fleet);
      else await this.runtime.ensureScheduler(schedulerName);
    });
  }

  /**
   * Starts a room running `candidate` (a version that is not active yet) to check it can become
   * ready; it never counts towards the desired rooms. Returns its id.
   */
  createValidationRoom(candidate: Scheduler): Promise<string> {
    return this.queue.call(candidate.name, async () => {
      const fleet = this.fleets.get(candidate.name);
      if (!fleet) throw new Error(`scheduler ${candidate.name} is not known to this worker`);
      await this.ensureRuntime(fleet);
      const room = await this.newRoom(fleet, candidate, true);
      if (!room) throw new Error('the validation room could not be created');
      fleet.validationSpecs.set(room.roomId, candidate);
      await this.startInstance(fleet, room);
      return room.roomId;
    });
  }

  /** A room's status and, for an instance in error, why; undefined once the room is gone. */
  roomStatus(schedulerName: string, roomId: string): { status: RoomStatus; description: string } | undefined {
    const room = this.fleets.get(schedulerName)?.rooms.get(roomId);
    if (!room) return undefined;
    return { status: room.status, description: this.instanceDescriptions.get(roomId) ?? '' };
  }

  removeValidationRoom(schedulerName: string, roomId: string): Promise<void> {
    return this.queue.call(schedulerName, async () => {
      const fleet = this.fleets.get(schedulerName);
      const room = fleet?.rooms.get(roomId);
      fleet?.validationSpecs.delete(roomId);
      if (fleet && room) await this.deleteRoom(fleet, room, 'validation_finished');
    });
  }

  /**
   * The scheduler was deleted: every room is removed (recorded, then its instance deleted), then
   * the scheduler's runtime (namespace). Instances still stopping are the runtime's to finish.
   */
  removeScheduler(schedulerName: string): Promise<void> {
    return this.queue.call(schedulerName, async () => {
      const fleet = this.fleets.get(schedulerName);
      if (fleet) {
        for (const room of [...fleet.rooms.values()]) await this.deleteRoom(fleet, room, 'scheduler_deleted');
        this.fleets.delete(schedulerName);
        this.expiryTimers.clear(schedulerName);
        this.metrics.forget(schedulerName);
      }
      await this.runtime.deleteScheduler(schedulerName);
    });
  }

  /** How many instances of the scheduler the runtime still has (stopping ones included). */
  async instanceCount(schedulerName: string): Promise<number> {
    return (await this.runtime.listInstances(schedulerName)).length;
  }

  knows(schedulerName: string): boolean {
    return this.fleets.has(schedulerName);
  }

  /**
   * The allocate API handed the room out (it already stored the `allocated` status): the fleet takes
   * it in without appending anything, so autoscaling counts it and ready pings keep it allocated
   * within the TTL. A room that is gone or no longer ready is left alone.
   */
  observeAllocation(schedulerName: string, roomId: string, allocatedAt: string): Promise<void> {
    return this.queue.run(schedulerName, async () => {
      const fleet = this.fleets.get(schedulerName);
      const room = fleet?.rooms.get(roomId);
      if (!fleet || room?.status !== 'ready') return;
      fleet.rooms.set(roomId, { ...room, status: 'allocated', allocatedAt });
      await this.reconcileFleet(fleet);
    });
  }

  recordPing(ping: RoomPing): Promise<void> {
    return this.recordPings(ping.schedulerName, [ping]);
  }

  /**
   * Folds a batch of one scheduler's pings, in the order consumed, into its rooms in one turn of
   * its queue: the status changes they bring are appended together (`roomsPerAppend` rooms to a
   * transaction), not one transaction per room, then applied. Most pings repeat what the room said
   * before and only move its last-ping time: nothing the desired count depends on moved, so the
   * (whole-scheduler) reconcile is skipped unless a status or match count changed.
   */
  recordPings(schedulerName: string, pings: readonly RoomPing[]): Promise<void> {
    let changed = false;
    const applied = this.queue.run(schedulerName, async () => {
      const fleet = this.fleets.get(schedulerName);
      if (!fleet) return;
      const folded = foldPings(fleet.rooms, pings, {
        maxMatches: fleet.scheduler.matchAllocation.maxMatches,
        allocationTtlMs: this.options.allocationTtlMs,
      });
      const apply = (roomId: string): void => {
        const after = folded.rooms.get(roomId);
        const before = fleet.rooms.get(roomId);
        if (!after || !before) return;
        fleet.rooms.set(roomId, after);
        changed ||= after.status !== before.status || after.runningMatches !== before.runningMatches;
      };
      // Memory follows the log: a chunk's rooms change once its append committed.
      const withEvents = [...folded.events.keys()];
      for (let start = 0; start < withEvents.length; start += roomsPerAppend) {
        const chunk = withEvents.slice(start, start + roomsPerAppend);
        await this.eventStore.appendToStreams(
          chunk.map((roomId) => ({
            streamId: roomStreamId(schedulerName, roomId),
            events: (folded.events.get(roomId) ?? []).map((event) => this.toNewEvent(schedulerName, event)),
          })),
        );
        chunk.forEach(apply);
      }
      for (const roomId of folded.rooms.keys()) if (!folded.events.has(roomId)) apply(roomId);
      for (const roomId of withEvents) {
        const room = fleet.rooms.get(roomId);
        if (room?.status === 'terminated') await this.deleteRoom(fleet, room, 'expired_room');
      }
    });
    return applied.then(() => (changed ? this.reconcileSoon(schedulerName) : undefined));
  }

  recordInstanceEvent(event: InstanceEvent): Promise<void> {
    const schedulerName = event.kind === 'upserted' ? event.instance.schedulerName : event.schedulerName;
    let changed = false;
    const applied = this.queue.run(schedulerName, async () => {
      const fleet = this.fleets.get(schedulerName);
      if (event.kind === 'deleted') {
        const room = fleet?.rooms.get(event.roomId);
        if (fleet && room) {
          await this.deleteRoom(fleet, room, 'instance_vanished');
          changed = true;
        }
        return;
      }
      if (!fleet?.rooms.has(event.instance.roomId)) {
        await this.removeOrphan(schedulerName, event.instance.roomId, event.instance.status);
        return;
      }
      await this.applyInstance(fleet, event.instance);
      changed = true;
    });
    return applied.then(() => (changed ? this.reconcileSoon(schedulerName) : undefined));
  }

  /**
   * Queues one reconcile of the scheduler behind the changes already queued, shared by every
   * change that asks before it starts: a burst of pings or pod events costs one reconcile, not one
   * each (a reconcile reads every room of the scheduler).
   */
  private reconcileSoon(schedulerName: string): Promise<void> {
    const pending = this.pendingReconciles.get(schedulerName);
    if (pending) return pending;
    const reconcile = this.queue.run(schedulerName, async () => {
      this.pendingReconciles.delete(schedulerName);
      const fleet = this.fleets.get(schedulerName);
      if (fleet) await this.reconcileFleet(fleet);
    });
    this.pendingReconciles.set(schedulerName, reconcile);
    return reconcile;
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

  /** Stops the expiry timers (shutdown). */
  close(): void {
    this.expiryTimers.clearAll();
  }

  rooms(schedulerName: string): GameRoom[] {
    return [...(this.fleets.get(schedulerName)?.rooms.values() ?? [])];
  }

  private fleetOf(scheduler: Scheduler): Fleet {
    let fleet = this.fleets.get(scheduler.name);
    if (!fleet) {
      fleet = {
        scheduler,
        rooms: new Map(),
        instancesSeen: new Set(),
        validationSpecs: new Map(),
        runtimeReady: false,
      };
      this.fleets.set(scheduler.name, fleet);
    }
    return fleet;
  }

  private async ensureRuntime(fleet: Fleet): Promise<void> {
    if (fleet.runtimeReady) return;
    await this.runtime.ensureScheduler(fleet.scheduler.name);
    fleet.runtimeReady = true;
  }

  /**
   * Brings one scheduler to where it should be: failed and expired rooms go, the desired count is
   * decided from the rooms that remain (autoscaling policy, clamps, cooldown), and the plan (scale
   * or rolling update) is applied. Called on every event that can change the desired or actual
   * count, so scaling never waits for a periodic loop.
   */
  private async reconcileFleet(fleet: Fleet): Promise<void> {
    const started = performance.now();
    await this.ensureRuntime(fleet);
    const name = fleet.scheduler.name;
    for (const room of [...fleet.rooms.values()]) {
      // A failed validation room is its operation's to report and remove.
      if (room.status === 'error' && !room.isValidationRoom) {
        await this.deleteRoom(fleet, room, 'instance_failed');
      }
    }
    await this.removeExpiredRooms(fleet);
    await this.restoreScaling(fleet);

    const { scheduler } = fleet;
    const regular = [...fleet.rooms.values()].filter((room) => !room.isValidationRoom);
    const deciding = performance.now();
    const decision = desiredRoomCount({
      scheduler,
      counts: countRooms(regular),
      now: this.now(),
      lastDownscaleAt: fleet.scaling?.lastDownscaleAt,
    });
    this.metrics.recordDecision(name, (performance.now() - deciding) / 1_000);
    const plan = planFleet(regular, scheduler.spec.version, decision.target, scheduler.maxSurge);
    const scalesDown = plan.reason === 'scale_down' && plan.remove.length > 0;
    if (decision.target !== fleet.scaling?.lastTarget || scalesDown) {
      await this.scalingLog.record(name, { ...decision, isDownscale: scalesDown }, fleet.scaling?.lastTarget);
      fleet.scaling = {
        lastTarget: decision.target,
        ...(scalesDown
          ? { lastDownscaleAt: decision.decidedAt }
          : { lastDownscaleAt: fleet.scaling?.lastDownscaleAt }),
      };
    }
    const reason = plan.reason === 'rolling_update' ? 'rolling_update_replace' : 'scale_down';
    await runConcurrently(plan.remove, this.options.concurrentRoomChanges, (room) =>
      this.deleteRoom(fleet, room, reason),
    );
    await this.createRooms(fleet, plan.create);

    const after = [...fleet.rooms.values()].filter((room) => !room.isValidationRoom);
    const counts = countRooms(after);
    this.metrics.recordSnapshot(name, {
      counts,
      desired: decision.target,
      current: after.length - counts.terminating - counts.error,
    });
    this.scheduleExpiryCheck(fleet);
    this.metrics.recordReconcile(name, (performance.now() - started) / 1_000);
  }

  /** Rooms the health check gives up on (reference §7: timeouts, terminated) are removed. */
  private async removeExpiredRooms(fleet: Fleet): Promise<void> {
    const now = this.now();
    for (const room of [...fleet.rooms.values()]) {
      if (room.isValidationRoom) continue;
      const health = classifyRoomHealth(room, room.instanceStatus, now, this.options.timeouts);
      if (health.verdict !== 'expired') continue;
      this.logger.info('room expired', {
        schedulerName: room.schedulerName,
        roomId: room.roomId,
        reason: health.reason,
      });
      await this.deleteRoom(fleet, room, 'expired_room');
    }
  }

  private async restoreScaling(fleet: Fleet): Promise<void> {
    fleet.scaling ??= await this.scalingLog.restore(fleet.scheduler.name);
  }

  /** Sets one timer to the first instant a room would expire, so expiry needs no polling. */
  private scheduleExpiryCheck(fleet: Fleet): void {
    const name = fleet.scheduler.name;
    const now = this.now();
    let next: number | undefined;
    for (const room of fleet.rooms.values()) {
      if (room.isValidationRoom) continue;
      const at = nextExpiryAt(room, room.instanceStatus, now, this.options.timeouts);
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    if (next === undefined) {
      this.expiryTimers.clear(name);
      return;
    }
    this.expiryTimers.set(name, next - this.clock.now().getTime(), () => {
      void this.queue.run(name, async () => {
        const current = this.fleets.get(name);
        if (current) await this.reconcileFleet(current);
      });
    });
  }

  /**
   * Records `count` new rooms of the active version and starts their instances: ids and host ports
   * are chosen for all of them first, so no two rooms pick the same; their `RoomCreated` events
   * are appended together (`roomsPerAppend` rooms to a transaction), then the instances are
   * started a few at a time. A scale-up of hundreds of rooms takes a few appends, not hundreds.
   */
  private async createRooms(fleet: Fleet, count: number): Promise<void> {
    const { commands, stoppedBy } = this.roomCreations(fleet, fleet.scheduler, false, count);
    for (let start = 0; start < commands.length; start += roomsPerAppend) {
      const batch = commands.slice(start, start + roomsPerAppend).map((command) => ({
        command,
        events: decideGameRoom(command, undefined),
      }));
      await this.eventStore.appendToStreams(
        batch.map(({ command, events }) => ({
          streamId: roomStreamId(command.schedulerName, command.roomId),
          events: events.map((event) => this.toNewEvent(command.schedulerName, event)),
        })),
      );
      const rooms = batch.flatMap(({ command, events }) => {
        const room = events.reduce<GameRoom | undefined>(evolveGameRoom, undefined);
        if (room) fleet.rooms.set(command.roomId, room);
        return room ? [room] : [];
      });
      await runConcurrently(rooms, this.options.concurrentRoomChanges, (room) =>
        this.startInstance(fleet, room),
      );
    }
    if (stoppedBy) throw stoppedBy;
  }

  /** Records a new room of `scheduler` (a candidate version, for validation). */
  private async newRoom(
    fleet: Fleet,
    scheduler: Scheduler,
    isValidationRoom: boolean,
  ): Promise<GameRoom | undefined> {
    const { commands, stoppedBy } = this.roomCreations(fleet, scheduler, isValidationRoom, 1);
    if (stoppedBy) throw stoppedBy;
    const [command] = commands;
    return command ? this.handle(fleet, undefined, command) : undefined;
  }

  /**
   * `count` rooms to create: ids not in use, host ports free of the fleet's and of each other's.
   * When the port range runs out first, the rooms it still had ports for, and why it stopped.
   */
  private roomCreations(
    fleet: Fleet,
    scheduler: Scheduler,
    isValidationRoom: boolean,
    count: number,
  ): { commands: Extract<GameRoomCommand, { kind: 'CreateRoom' }>[]; stoppedBy?: PortRangeExhaustedError } {
    const portsInUse = new Set(
      [...fleet.rooms.values()].flatMap((room) => room.ports.map((port) => port.hostPort)),
    );
    const chosenIds = new Set<string>();
    const random = () => this.randomness.fraction();
    const at = this.now();
    const commands: Extract<GameRoomCommand, { kind: 'CreateRoom' }>[] = [];
    while (commands.length < count) {
      let roomId = newRoomId(scheduler.name, random);
      while (fleet.rooms.has(roomId) || chosenIds.has(roomId)) roomId = newRoomId(scheduler.name, random);
      chosenIds.add(roomId);
      let ports;
      try {
        ports = assignHostPorts(scheduler.spec.containers, scheduler.portRange, portsInUse, random);
      } catch (error) {
        if (error instanceof PortRangeExhaustedError) return { commands, stoppedBy: error };
        throw error;
      }
      for (const port of ports) portsInUse.add(port.hostPort);
      commands.push({
        kind: 'CreateRoom',
        schedulerName: scheduler.name,
        roomId,
        version: scheduler.spec.version,
        ports,
        isValidationRoom,
        at,
      });
    }
    return { commands };
  }

  private async startInstance(fleet: Fleet, room: GameRoom): Promise<void> {
    const scheduler = room.isValidationRoom ? fleet.validationSpecs.get(room.roomId) : fleet.scheduler;
    if (!scheduler) return;
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
    if (instance.statusDescription)
      this.instanceDescriptions.set(instance.roomId, instance.statusDescription);
    // Where the room is reached goes in the same append as what its instance status changed.
    const address = this.addresses.change(room, instance);
    await this.handle(
      fleet,
      room,
      {
        kind: 'RecordInstanceStatus',
        instanceStatus: instance.status,
        maxMatches: fleet.scheduler.matchAllocation.maxMatches,
        allocationTtlMs: this.options.allocationTtlMs,
        at: this.now(),
      },
      address ? [address.event] : [],
    );
    address?.stored();
  }

  private async deleteRoom(fleet: Fleet, room: GameRoom, reason: RoomDeletionReason): Promise<void> {
    await this.handle(fleet, room, { kind: 'DeleteRoom', reason, at: this.now() });
    fleet.instancesSeen.delete(room.roomId);
    fleet.validationSpecs.delete(room.roomId);
    this.instanceDescriptions.delete(room.roomId);
    this.addresses.forget(room.roomId);
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
    alsoAppend: readonly NewEvent[] = [],
  ): Promise<GameRoom | undefined> {
    const events = decideGameRoom(command, room);
    const observed = room ? observeGameRoom(room, command) : undefined;
    const roomId = room?.roomId ?? (command.kind === 'CreateRoom' ? command.roomId : undefined);
    const schedulerName =
      room?.schedulerName ?? (command.kind === 'CreateRoom' ? command.schedulerName : fleet.scheduler.name);
    if (roomId !== undefined) await this.append(schedulerName, roomId, events, alsoAppend);
    const after = events.reduce<GameRoom | undefined>(evolveGameRoom, observed);
    if (roomId === undefined) return after;
    if (after) fleet.rooms.set(roomId, after);
    else fleet.rooms.delete(roomId);
    return after;
  }

  /** The room's decided events and any others about it (its address), in one append. */
  private async append(
    schedulerName: string,
    roomId: string,
    events: readonly GameRoomEvent[],
    alsoAppend: readonly NewEvent[],
  ): Promise<void> {
    if (events.length === 0 && alsoAppend.length === 0) return;
    await this.eventStore.append(roomStreamId(schedulerName, roomId), 'any', [
      ...events.map((event) => this.toNewEvent(schedulerName, event)),
      ...alsoAppend,
    ]);
  }

  private toNewEvent(schedulerName: string, event: GameRoomEvent): NewEvent {
    return {
      eventId: this.randomness.uuid(),
      type: event.type,
      schemaVersion: 1,
      data: { ...event.data },
      metadata: { subject: schedulerName, source: 'maestro/worker' },
    };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
