import {
  GameRoomRuntime,
  type InstanceEvent,
  type InstanceStatus,
  type InstanceWatch,
  type RoomInstance,
  type RoomInstanceSpec,
} from '@maestro/application';
import { GameRoomRuntimeError } from '../game-room-runtime.error';

export interface InMemoryGameRoomRuntimeOptions {
  /**
   * `automatic` (the default) behaves like the test cluster: a new instance is reported pending,
   * then ready with an address; a deleted one is reported terminating, then deleted. `manual`
   * leaves instances pending and deletions unfinished until the test moves them on
   * (`setInstanceStatus`, `completeDeletions`).
   */
  readonly lifecycle?: 'automatic' | 'manual';
  /** Host of the address of placed instances (default 127.0.0.1). */
  readonly host?: string;
  /**
   * Keep each instance's full spec for `specOf` (default true). A simulated fleet of 100k rooms
   * turns it off: the specs (about 2 KiB a room) are what Kubernetes would hold, not the worker,
   * and would otherwise be counted in the worker's memory. The host ports are kept either way.
   */
  readonly keepSpecs?: boolean;
}

export type RuntimeOperation =
  'ensureScheduler' | 'deleteScheduler' | 'createInstance' | 'deleteInstance' | 'listInstances' | 'watch';

interface StoredInstance {
  /** Absent when the runtime does not keep specs. */
  readonly spec: RoomInstanceSpec | undefined;
  readonly ports: RoomInstanceSpec['ports'];
  instance: RoomInstance;
}

interface StoredScheduler {
  terminating: boolean;
  readonly instances: Map<string, StoredInstance>;
}

interface Listener {
  active: boolean;
  readonly onEvent: (event: InstanceEvent) => void;
}

/**
 * The game-room runtime's in-memory twin: same semantics as the Kubernetes adapter (both pass
 * testing/game-room-runtime.contract.ts), plus controls to drive the worker through what a cluster
 * does on its own (rooms failing, vanishing, deletions hanging). Events reach watchers
 * asynchronously, in order, as they would from an API server: never from inside the call that
 * caused them.
 */
export class InMemoryGameRoomRuntime extends GameRoomRuntime {
  private readonly schedulers = new Map<string, StoredScheduler>();
  private readonly listeners = new Set<Listener>();
  private readonly failures = new Map<RuntimeOperation, GameRoomRuntimeError[]>();
  private readonly lifecycle: 'automatic' | 'manual';
  private readonly host: string;
  private readonly keepSpecs: boolean;

  constructor(options: InMemoryGameRoomRuntimeOptions = {}) {
    super();
    this.lifecycle = options.lifecycle ?? 'automatic';
    this.host = options.host ?? '127.0.0.1';
    this.keepSpecs = options.keepSpecs ?? true;
  }

  ensureScheduler(schedulerName: string): Promise<void> {
    return this.perform('ensureScheduler', () => {
      const scheduler = this.schedulers.get(schedulerName);
      if (scheduler?.terminating) {
        // The Kubernetes adapter waits (bounded) for the deletion to finish; here nothing would
        // finish it meanwhile, so the twin answers at once what the adapter answers at the bound.
        throw new GameRoomRuntimeError('SchedulerTerminating', `scheduler ${schedulerName} is being deleted`);
      }
      if (!scheduler) this.schedulers.set(schedulerName, { terminating: false, instances: new Map() });
    });
  }

  deleteScheduler(schedulerName: string): Promise<void> {
    return this.perform('deleteScheduler', () => {
      const scheduler = this.schedulers.get(schedulerName);
      if (!scheduler || scheduler.terminating) return;
      scheduler.terminating = true;
      for (const roomId of scheduler.instances.keys()) this.beginDeletion(schedulerName, roomId);
      if (this.lifecycle === 'automatic') this.completeDeletions();
    });
  }

  createInstance(spec: RoomInstanceSpec): Promise<void> {
    return this.perform('createInstance', () => {
      const scheduler = this.schedulers.get(spec.schedulerName);
      if (!scheduler) {
        throw new GameRoomRuntimeError(
          'SchedulerNotProvisioned',
          `scheduler ${spec.schedulerName} has no namespace; ensureScheduler first`,
        );
      }
      if (scheduler.terminating) {
        throw new GameRoomRuntimeError(
          'SchedulerTerminating',
          `scheduler ${spec.schedulerName} is being deleted`,
        );
      }
      if (scheduler.instances.has(spec.roomId)) return;
      const instance: RoomInstance = {
        schedulerName: spec.schedulerName,
        roomId: spec.roomId,
        version: spec.version,
        status: 'pending',
        statusDescription: '',
      };
      scheduler.instances.set(spec.roomId, {
        spec: this.keepSpecs ? structuredClone(spec) : undefined,
        ports: spec.ports.map((port) => ({ ...port })),
        instance,
      });
      this.emit({ kind: 'upserted', instance });
      if (this.lifecycle === 'automatic') this.setInstanceStatus(spec.schedulerName, spec.roomId, 'ready');
    });
  }

  deleteInstance(schedulerName: string, roomId: string): Promise<void> {
    return this.perform('deleteInstance', () => {
      if (!this.schedulers.get(schedulerName)?.instances.has(roomId)) return;
      this.beginDeletion(schedulerName, roomId);
      if (this.lifecycle === 'automatic') this.completeDeletions();
    });
  }

  listInstances(schedulerName?: string): Promise<RoomInstance[]> {
    return this.perform('listInstances', () =>
      [...this.schedulers.entries()]
        .filter(([name]) => schedulerName === undefined || name === schedulerName)
        .flatMap(([, scheduler]) => [...scheduler.instances.values()].map(({ instance }) => instance)),
    );
  }

  watch(onEvent: (event: InstanceEvent) => void): Promise<InstanceWatch> {
    return this.perform('watch', () => {
      const listener: Listener = { active: true, onEvent };
      // Like a fresh list: every existing instance, reported before watch() resolves.
      for (const scheduler of this.schedulers.values()) {
        for (const { instance } of scheduler.instances.values()) onEvent({ kind: 'upserted', instance });
      }
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

  // ----- test controls -----

  /** Moves an instance to a status, as the cluster would (a crash, a readiness change, …). */
  setInstanceStatus(schedulerName: string, roomId: string, status: InstanceStatus, description = ''): void {
    const stored = this.stored(schedulerName, roomId);
    const placed = stored.instance.address ?? (status === 'ready' ? this.addressOf(stored) : undefined);
    stored.instance = {
      ...stored.instance,
      status,
      statusDescription: description,
      ...(placed ? { address: placed } : {}),
    };
    this.emit({ kind: 'upserted', instance: stored.instance });
  }

  /** The instance disappears without anyone deleting it (node lost, pod evicted, kubectl delete). */
  simulateVanish(schedulerName: string, roomId: string): void {
    this.stored(schedulerName, roomId);
    this.schedulers.get(schedulerName)?.instances.delete(roomId);
    this.emit({ kind: 'deleted', schedulerName, roomId });
  }

  /** Finishes every deletion under way: terminating instances go, then emptied schedulers. */
  completeDeletions(): void {
    for (const [schedulerName, scheduler] of this.schedulers) {
      for (const [roomId, { instance }] of scheduler.instances) {
        if (instance.status !== 'terminating') continue;
        scheduler.instances.delete(roomId);
        this.emit({ kind: 'deleted', schedulerName, roomId });
      }
      if (scheduler.terminating && scheduler.instances.size === 0) this.schedulers.delete(schedulerName);
    }
  }

  /** The next call of `operation` fails with `error` (default: RuntimeUnavailable). */
  failNext(
    operation: RuntimeOperation,
    error = new GameRoomRuntimeError('RuntimeUnavailable', `${operation} failed (injected by the test)`),
  ): void {
    this.failures.set(operation, [...(this.failures.get(operation) ?? []), error]);
  }

  /** Whether the scheduler's namespace exists (still true while it is being deleted). */
  hasScheduler(schedulerName: string): boolean {
    return this.schedulers.has(schedulerName);
  }

  /** The spec an instance was created from: what its pod would be built from (unless specs are not kept). */
  specOf(schedulerName: string, roomId: string): RoomInstanceSpec | undefined {
    return this.schedulers.get(schedulerName)?.instances.get(roomId)?.spec;
  }

  instance(schedulerName: string, roomId: string): RoomInstance | undefined {
    return this.schedulers.get(schedulerName)?.instances.get(roomId)?.instance;
  }

  // ----- internals -----

  private beginDeletion(schedulerName: string, roomId: string): void {
    const stored = this.stored(schedulerName, roomId);
    if (stored.instance.status === 'terminating') return;
    stored.instance = { ...stored.instance, status: 'terminating', statusDescription: '' };
    this.emit({ kind: 'upserted', instance: stored.instance });
  }

  private stored(schedulerName: string, roomId: string): StoredInstance {
    const stored = this.schedulers.get(schedulerName)?.instances.get(roomId);
    if (!stored) throw new Error(`no instance ${schedulerName}/${roomId}`);
    return stored;
  }

  private addressOf(stored: StoredInstance): RoomInstance['address'] {
    return { host: this.host, ports: stored.ports.map((port) => ({ ...port })) };
  }

  private emit(event: InstanceEvent): void {
    for (const listener of this.listeners) {
      queueMicrotask(() => {
        if (listener.active) listener.onEvent(event);
      });
    }
  }

  private perform<T>(operation: RuntimeOperation, action: () => T): Promise<T> {
    const injected = this.failures.get(operation)?.shift();
    if (injected) return Promise.reject(injected);
    try {
      return Promise.resolve(action());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
