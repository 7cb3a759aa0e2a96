import {
  GameRoomRuntime,
  type InstanceEvent,
  type InstanceStatus,
  type InstanceWatch,
  type RoomInstance,
  type RoomInstanceSpec,
} from '@maestro/application';
import { GameRoomRuntimeError } from '@maestro/k8s-runtime';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type ChildProcess, spawn } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  type InstanceRecord,
  LOG_FILE,
  readInstanceRecord,
  removeInstanceRecord,
  writeInstanceRecord,
} from './instance-record';
import { roomEnvironment } from './room-environment';
import { isRoomProcess, signalRoom } from './room-process';

export interface ProcessRuntimeLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProcessGameRoomRuntimeOptions {
  /** Where schedulers and rooms live: `<baseDir>/<scheduler>/<room>/` (instance.json, room.log). */
  readonly baseDir: string;
  /** Given to every room as `ROOMS_API_ADDRESS` and `MAESTRO_ROOMS_API_ADDRESS` (e.g. `http://127.0.0.1:8070`). */
  readonly roomsApiAddress: string;
  /** Host of the rooms' addresses (default 127.0.0.1). */
  readonly host?: string;
  /**
   * Variables every room gets before its container's own (PATH, HOME, …). The runtime reads no
   * environment itself: the app passes what it wants rooms to inherit.
   */
  readonly baseEnvironment?: Readonly<Record<string, string>>;
  /** Upper bound of the wait between SIGTERM and SIGKILL, whatever the spec's grace period says. */
  readonly maxGracePeriodMs?: number;
  /** How often rooms adopted from a previous runtime (not our children) are checked (default 1 s). */
  readonly adoptedPollIntervalMs?: number;
  readonly logger?: ProcessRuntimeLogger;
}

interface Room {
  readonly dir: string;
  readonly spec: RoomInstanceSpec;
  readonly command: readonly string[];
  readonly startedAt: string;
  instance: RoomInstance;
  pid?: number;
  /** Set when this runtime started the process; adopted rooms are polled instead. */
  child?: ChildProcess;
  /** Whether the process is known to be gone (or never started). */
  gone: boolean;
  /** Resolves once `gone`. */
  readonly exited: Promise<void>;
  markExited(): void;
  termination?: Promise<void>;
}

interface Listener {
  active: boolean;
  readonly onEvent: (event: InstanceEvent) => void;
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** The longest delay a Node timer takes (longer ones fire at once). */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Game rooms as local processes (the `process` runtime of the embedded mode): each room runs its
 * first container's command in `<baseDir>/<scheduler>/<room>/`, with the container's environment
 * plus Maestro's variables and its host ports, output appended to `room.log`. The image is not
 * pulled. `instance.json` beside the log lets a runtime started later on the same directory adopt
 * the rooms still running. `close()` (and Nest's shutdown hook) stops every room it started or
 * adopted, so stopping the system leaves no room process behind.
 */
export class ProcessGameRoomRuntime extends GameRoomRuntime implements OnApplicationShutdown {
  private readonly rooms = new Map<string, Room>();
  private readonly listeners = new Set<Listener>();
  private readonly schedulerDeletions = new Map<string, Promise<void>>();
  private readonly background = new Set<Promise<void>>();
  private readonly noticed = new Set<string>();
  private readonly host: string;
  private readonly baseEnvironment: Readonly<Record<string, string>>;
  private readonly maxGracePeriodMs: number;
  private readonly adoptedPollIntervalMs: number;
  private readonly logger: ProcessRuntimeLogger;
  private adoptedPoll: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: ProcessGameRoomRuntimeOptions) {
    super();
    this.host = options.host ?? '127.0.0.1';
    this.baseEnvironment = options.baseEnvironment ?? {};
    this.maxGracePeriodMs = options.maxGracePeriodMs ?? Number.POSITIVE_INFINITY;
    this.adoptedPollIntervalMs = options.adoptedPollIntervalMs ?? 1_000;
    this.logger = options.logger ?? new Logger('ProcessGameRoomRuntime');
    mkdirSync(options.baseDir, { recursive: true });
    this.discover();
  }

  async ensureScheduler(schedulerName: string): Promise<void> {
    this.assertOpen();
    assertSafeName('scheduler', schedulerName);
    await this.schedulerDeletions.get(schedulerName);
    mkdirSync(this.schedulerDir(schedulerName), { recursive: true });
  }

  deleteScheduler(schedulerName: string): Promise<void> {
    return perform(() => {
      assertSafeName('scheduler', schedulerName);
      this.beginSchedulerDeletion(schedulerName);
    });
  }

  async createInstance(spec: RoomInstanceSpec): Promise<void> {
    this.assertOpen();
    const { schedulerName, roomId } = spec;
    assertSafeName('scheduler', schedulerName);
    assertSafeName('room', roomId);
    if (this.schedulerDeletions.has(schedulerName)) {
      throw new GameRoomRuntimeError('SchedulerTerminating', `scheduler ${schedulerName} is being deleted`);
    }
    if (this.rooms.has(roomKey(schedulerName, roomId))) return;
    if (!existsSync(this.schedulerDir(schedulerName))) {
      throw new GameRoomRuntimeError(
        'SchedulerNotProvisioned',
        `scheduler ${schedulerName} has no directory; ensureScheduler first`,
      );
    }
    if (this.discoverRoom(schedulerName, roomId)) return;

    const container = spec.containers[0];
    this.noticeOnce(schedulerName, spec);
    const dir = join(this.schedulerDir(schedulerName), roomId);
    mkdirSync(dir, { recursive: true });
    const room = this.addRoom({
      dir,
      spec: structuredClone(spec),
      command: [...(container?.command ?? [])],
      pid: null,
      status: 'pending',
    });
    this.emit({ kind: 'upserted', instance: room.instance });

    const [file, ...args] = room.command;
    if (file === undefined) {
      this.fail(
        room,
        `container ${container?.name ?? '(none)'} has no command: the process runtime runs it, not the image`,
      );
      return;
    }
    const environment = roomEnvironment(spec, this.options.roomsApiAddress, this.baseEnvironment);
    if (environment.skipped.length > 0) {
      this.logger.warn(
        `${schedulerName}/${roomId}: ${environment.skipped.join(', ')} left out of the environment: ` +
          'valueFrom (secrets, pod fields) needs Kubernetes, the process runtime only passes plain values',
      );
    }
    const log = openSync(join(dir, LOG_FILE), 'a');
    let child: ChildProcess;
    try {
      writeSync(
        log,
        `--- ${new Date().toISOString()} starting ${spec.version}: ${JSON.stringify(room.command)}\n`,
      );
      // Its own process group (detached): a signal to the group reaches what the room starts, and
      // the room outlives a runtime that dies, for the next one to adopt.
      child = spawn(file, args, {
        cwd: dir,
        env: environment.variables,
        detached: true,
        stdio: ['ignore', log, log],
      });
    } catch (error) {
      this.fail(room, `spawn failed: ${describe(error)}`);
      return;
    } finally {
      closeSync(log);
    }
    room.child = child;
    child.once('exit', (code, signal) => {
      this.exited(room, code, signal);
    });
    await new Promise<void>((resolve) => {
      child.once('spawn', () => {
        room.pid = child.pid;
        this.record(room);
        this.setStatus(room, 'ready');
        // Closed while it was starting: it must not outlive the runtime either.
        if (this.closed) this.track(this.stop(room), 'closing');
        resolve();
      });
      child.on('error', (error) => {
        if (room.pid === undefined) {
          // Never started (ENOENT, EACCES): no 'exit' will come.
          this.fail(room, error.message);
          resolve();
        } else {
          this.logger.warn(`${schedulerName}/${roomId}: ${error.message}`);
        }
      });
    });
  }

  deleteInstance(schedulerName: string, roomId: string): Promise<void> {
    return perform(() => {
      assertSafeName('scheduler', schedulerName);
      assertSafeName('room', roomId);
      const room = this.rooms.get(roomKey(schedulerName, roomId)) ?? this.discoverRoom(schedulerName, roomId);
      // Like a pod deletion, the call returns once the room is told to stop; the rest is reported.
      if (room) this.track(this.stop(room), `stopping ${schedulerName}/${roomId}`);
    });
  }

  listInstances(schedulerName?: string): Promise<RoomInstance[]> {
    return perform(() => {
      if (schedulerName !== undefined) assertSafeName('scheduler', schedulerName);
      this.discover(schedulerName);
      return [...this.rooms.values()]
        .filter((room) => schedulerName === undefined || room.spec.schedulerName === schedulerName)
        .map((room) => room.instance);
    });
  }

  watch(onEvent: (event: InstanceEvent) => void): Promise<InstanceWatch> {
    return perform(() => {
      this.assertOpen();
      this.discover();
      const listener: Listener = { active: true, onEvent };
      // Like a fresh list: every known room, reported before watch() resolves.
      for (const room of this.rooms.values()) onEvent({ kind: 'upserted', instance: room.instance });
      this.listeners.add(listener);
      return {
        stop: () => {
          listener.active = false;
          this.listeners.delete(listener);
          return Promise.resolve();
        },
      };
    });
  }

  /**
   * Stops every room process this runtime started or adopted (SIGTERM, SIGKILL after the grace
   * period) and ends every watch. Rooms that already failed keep their record, as failed pods do.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.endWatches();
    for (const room of this.rooms.values()) {
      if (room.pid !== undefined && room.instance.status !== 'error') this.track(this.stop(room), 'closing');
    }
    while (this.background.size > 0) await Promise.all([...this.background]);
    this.stopAdoptedPoll();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /**
   * Forgets every room without stopping it, as if this runtime's process had died: a runtime
   * started later on the same directory adopts them. For hand-overs and tests; `close()` is how a
   * runtime normally stops.
   */
  detach(): void {
    this.closed = true;
    this.endWatches();
    this.stopAdoptedPoll();
    for (const room of this.rooms.values()) {
      room.child?.removeAllListeners('exit');
      room.child?.unref();
    }
    this.rooms.clear();
  }

  // ----- rooms -----

  private beginSchedulerDeletion(schedulerName: string): void {
    if (this.schedulerDeletions.has(schedulerName)) return;
    const dir = this.schedulerDir(schedulerName);
    if (!existsSync(dir)) return;
    this.discover(schedulerName);
    const stopping = this.roomsOf(schedulerName).map((room) => this.stop(room));
    // Like a namespace: the call returns once deletion has begun; the directory goes with the last room.
    const deletion = Promise.all(stopping)
      .then(() => {
        rmSync(dir, { recursive: true, force: true });
      })
      .finally(() => this.schedulerDeletions.delete(schedulerName));
    this.schedulerDeletions.set(schedulerName, deletion);
    this.track(deletion, `deleting scheduler ${schedulerName}`);
  }

  private addRoom(from: {
    dir: string;
    spec: RoomInstanceSpec;
    command: readonly string[];
    pid: number | null;
    status: InstanceStatus;
    statusDescription?: string;
    startedAt?: string;
  }): Room {
    let resolveExited = (): void => undefined;
    const exited = new Promise<void>((resolve) => {
      resolveExited = resolve;
    });
    const room: Room = {
      dir: from.dir,
      spec: from.spec,
      command: from.command,
      startedAt: from.startedAt ?? new Date().toISOString(),
      instance: {
        schedulerName: from.spec.schedulerName,
        roomId: from.spec.roomId,
        version: from.spec.version,
        status: from.status,
        statusDescription: from.statusDescription ?? '',
      },
      ...(from.pid === null ? {} : { pid: from.pid }),
      gone: false,
      exited,
      markExited: () => {
        room.gone = true;
        resolveExited();
      },
    };
    this.rooms.set(roomKey(from.spec.schedulerName, from.spec.roomId), room);
    return room;
  }

  /** The room's process ended on its own or after a signal. */
  private exited(room: Room, code: number | null, signal: NodeJS.Signals | null): void {
    const how = signal ? `killed by signal ${signal}` : `exited with code ${code ?? 'unknown'}`;
    this.appendLog(room, how);
    if (room.pid !== undefined) killGroup(room.pid);
    room.markExited();
    if (room.termination) return;
    if (code === 0) {
      this.track(this.stop(room), `removing ${room.spec.schedulerName}/${room.spec.roomId}`);
      return;
    }
    this.fail(room, how);
  }

  private fail(room: Room, description: string): void {
    this.logger.warn(`${room.spec.schedulerName}/${room.spec.roomId}: ${description}`);
    room.markExited();
    this.record(room, description);
    this.setStatus(room, 'error', description);
  }

  /** SIGTERM, SIGKILL after the grace period, then the room is reported deleted. Idempotent. */
  private stop(room: Room): Promise<void> {
    room.termination ??= (async () => {
      const { schedulerName, roomId } = room.spec;
      this.setStatus(room, 'terminating');
      const pid = room.pid;
      if (pid !== undefined && this.isRunning(room) && signalRoom(pid, 'SIGTERM')) {
        const graceMs = Math.min(
          room.spec.terminationGracePeriodSeconds * 1_000,
          this.maxGracePeriodMs,
          MAX_TIMER_MS,
        );
        if (!(await settlesWithin(room.exited, graceMs))) {
          this.logger.warn(`${schedulerName}/${roomId} still running ${graceMs} ms after SIGTERM: SIGKILL`);
          signalRoom(pid, 'SIGKILL');
          await room.exited;
        }
      } else {
        room.markExited();
      }
      removeInstanceRecord(room.dir);
      this.rooms.delete(roomKey(schedulerName, roomId));
      this.emit({ kind: 'deleted', schedulerName, roomId });
    })();
    return room.termination;
  }

  private isRunning(room: Room): boolean {
    if (room.gone || room.pid === undefined) return false;
    // Our child is reported by its exit event; an adopted process must be looked at.
    return room.child !== undefined || isRoomProcess(room.pid, room.command);
  }

  private setStatus(room: Room, status: InstanceStatus, statusDescription = ''): void {
    const placed = status === 'ready' || room.instance.address !== undefined;
    room.instance = {
      schedulerName: room.spec.schedulerName,
      roomId: room.spec.roomId,
      version: room.spec.version,
      status,
      statusDescription,
      ...(placed
        ? { address: { host: this.host, ports: room.spec.ports.map((port) => ({ ...port })) } }
        : {}),
    };
    this.emit({ kind: 'upserted', instance: room.instance });
  }

  private record(room: Room, failure?: string): void {
    const record: InstanceRecord = {
      pid: room.pid ?? null,
      command: room.command,
      version: room.spec.version,
      startedAt: room.startedAt,
      spec: room.spec,
      ...(failure === undefined ? {} : { failure }),
    };
    writeInstanceRecord(room.dir, record);
  }

  // ----- adoption -----

  /** Finds the rooms on disk this runtime does not know yet (all, or one scheduler's). */
  private discover(schedulerName?: string): void {
    const schedulers = schedulerName === undefined ? subdirectories(this.options.baseDir) : [schedulerName];
    for (const scheduler of schedulers) {
      if (this.schedulerDeletions.has(scheduler)) continue;
      for (const roomId of subdirectories(this.schedulerDir(scheduler))) {
        if (!this.rooms.has(roomKey(scheduler, roomId))) this.discoverRoom(scheduler, roomId);
      }
    }
  }

  /**
   * A room left by a previous runtime: adopted if its process still runs, kept as `error` if it
   * had failed, cleaned up (and reported deleted) if its process is gone.
   */
  private discoverRoom(schedulerName: string, roomId: string): Room | undefined {
    const dir = join(this.schedulerDir(schedulerName), roomId);
    const record = readInstanceRecord(dir);
    if (record === undefined) return undefined;
    const where = `${schedulerName}/${roomId}`;
    if (record instanceof Error) {
      this.logger.warn(`${where}: ignoring ${dir}: ${record.message}`);
      return undefined;
    }
    const spec = { ...record.spec, schedulerName, roomId };
    const from = { dir, spec, command: record.command, pid: record.pid, startedAt: record.startedAt };
    if (record.failure !== undefined) {
      const failed = this.addRoom({ ...from, status: 'error', statusDescription: record.failure });
      failed.markExited();
      return failed;
    }
    if (record.pid !== null && isRoomProcess(record.pid, record.command)) {
      this.logger.log(`${where}: adopted its process (pid ${record.pid}), left by a previous runtime`);
      const room = this.addRoom({ ...from, status: 'ready' });
      this.setStatus(room, 'ready');
      this.startAdoptedPoll();
      return room;
    }
    this.logger.log(`${where}: its process (pid ${record.pid ?? 'none'}) is gone; cleaning up`);
    if (record.pid !== null) killGroup(record.pid);
    removeInstanceRecord(dir);
    this.emit({ kind: 'deleted', schedulerName, roomId });
    return undefined;
  }

  private startAdoptedPoll(): void {
    if (this.adoptedPoll) return;
    this.adoptedPoll = setInterval(() => {
      this.pollAdopted();
    }, this.adoptedPollIntervalMs);
    this.adoptedPoll.unref();
  }

  private stopAdoptedPoll(): void {
    clearInterval(this.adoptedPoll);
    this.adoptedPoll = undefined;
  }

  /** Adopted rooms are not our children: no exit event, so their pids are checked. */
  private pollAdopted(): void {
    let adopted = 0;
    for (const room of [...this.rooms.values()]) {
      if (room.child || room.gone || room.pid === undefined) continue;
      if (isRoomProcess(room.pid, room.command)) {
        adopted += 1;
        continue;
      }
      killGroup(room.pid);
      room.markExited();
      if (!room.termination) {
        // Not our child: its exit code is unknown, so the room is reported gone, not failed.
        this.logger.warn(`${room.spec.schedulerName}/${room.spec.roomId}: adopted process ${room.pid} ended`);
        this.track(this.stop(room), 'removing an ended adopted room');
      }
    }
    if (adopted === 0) this.stopAdoptedPoll();
  }

  // ----- plumbing -----

  private noticeOnce(schedulerName: string, spec: RoomInstanceSpec): void {
    const [first, ...others] = spec.containers;
    if (first && !this.noticed.has(`${schedulerName}\0image`)) {
      this.noticed.add(`${schedulerName}\0image`);
      this.logger.log(
        `${schedulerName}: image ${first.image} is ignored by the process runtime; rooms run the command of container ${first.name} as local processes`,
      );
    }
    if (others.length > 0 && !this.noticed.has(`${schedulerName}\0containers`)) {
      this.noticed.add(`${schedulerName}\0containers`);
      this.logger.warn(
        `${schedulerName}: only the first container (${first?.name ?? ''}) runs in the process runtime; ${others.map((c) => c.name).join(', ')} ignored`,
      );
    }
  }

  private appendLog(room: Room, line: string): void {
    try {
      appendFileSync(join(room.dir, LOG_FILE), `--- ${new Date().toISOString()} ${line}\n`);
    } catch (error) {
      this.logger.warn(
        `${room.spec.schedulerName}/${room.spec.roomId}: cannot write its log: ${describe(error)}`,
      );
    }
  }

  private emit(event: InstanceEvent): void {
    for (const listener of this.listeners) {
      // Never from inside the call that caused the event, as from an API server.
      queueMicrotask(() => {
        if (listener.active) listener.onEvent(event);
      });
    }
  }

  private endWatches(): void {
    for (const listener of this.listeners) listener.active = false;
    this.listeners.clear();
  }

  private track(work: Promise<void>, what: string): void {
    const tracked = work.catch((error: unknown) => {
      this.logger.error(`${what}: ${describe(error)}`);
    });
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }

  private roomsOf(schedulerName: string): Room[] {
    return [...this.rooms.values()].filter((room) => room.spec.schedulerName === schedulerName);
  }

  private schedulerDir(schedulerName: string): string {
    return join(this.options.baseDir, schedulerName);
  }

  private assertOpen(): void {
    if (this.closed) throw new GameRoomRuntimeError('RuntimeUnavailable', 'the process runtime is closed');
  }
}

function roomKey(schedulerName: string, roomId: string): string {
  return `${schedulerName}/${roomId}`;
}

/** Names become directory names: nothing that could climb out of the base directory. */
function assertSafeName(kind: 'scheduler' | 'room', name: string): void {
  if (!SAFE_NAME.test(name)) {
    throw new GameRoomRuntimeError('RuntimeRequestRejected', `invalid ${kind} name ${JSON.stringify(name)}`);
  }
}

/** Whatever the room left in its process group goes with it. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // No such group any more: nothing left behind.
  }
}

function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a synchronous step as an async call: a throw becomes a rejection, never a synchronous throw. */
function perform<T>(action: () => T): Promise<T> {
  try {
    return Promise.resolve(action());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
