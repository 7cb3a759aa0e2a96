import { type V1Namespace } from '@kubernetes/client-node';
import {
  GameRoomRuntime,
  type InstanceEvent,
  type InstanceWatch,
  type RoomInstance,
  type RoomInstanceSpec,
} from '@maestro/application';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { GameRoomRuntimeError } from '../game-room-runtime.error';
import { MAESTRO, MaestroLabel, MANAGED_BY_MAESTRO } from '../maestro-labels';
import { type KubernetesClient } from './kubernetes-client';
import { apiStatusOf, toRuntimeError } from './kubernetes-api.errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, withRetry } from './kubernetes-api.retry';
import { buildPod } from './pod.builder';
import { KubernetesPodSource } from './pod.source';
import { PodWatcher, type WatchLogger } from './pod.watcher';
import { roomInstanceOf } from './room-instance.converter';

export interface KubernetesGameRoomRuntimeOptions {
  /** Re-list period of `watch` (default 30 s): a missed watch event is corrected within it. */
  readonly resyncIntervalMs?: number;
  /** Retries of API calls on 429, 5xx and network errors, and the backoff of watch reconnects. */
  readonly retry?: RetryPolicy;
  /**
   * How long `ensureScheduler` waits for a namespace that is still being deleted before giving up
   * with `SchedulerTerminating` (default 120 s; deletion takes ~10 s on the test cluster, longer
   * on a loaded one).
   */
  readonly namespaceTerminationTimeoutMs?: number;
  /** How often `ensureScheduler` looks again at a terminating namespace (default 1 s). */
  readonly namespacePollIntervalMs?: number;
  readonly logger?: WatchLogger;
}

/**
 * Game rooms as Kubernetes pods (reference §1, "Runtime"): one namespace per scheduler (named after
 * it), one pod per room (named after it), everything labelled and found again by label.
 */
export class KubernetesGameRoomRuntime extends GameRoomRuntime implements OnApplicationShutdown {
  private readonly resyncIntervalMs: number;
  private readonly retry: RetryPolicy;
  private readonly namespaceTerminationTimeoutMs: number;
  private readonly namespacePollIntervalMs: number;
  private readonly logger: WatchLogger;
  private readonly watchers = new Set<PodWatcher>();

  constructor(
    private readonly client: KubernetesClient,
    options: KubernetesGameRoomRuntimeOptions = {},
  ) {
    super();
    this.resyncIntervalMs = options.resyncIntervalMs ?? 30_000;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.namespaceTerminationTimeoutMs = options.namespaceTerminationTimeoutMs ?? 120_000;
    this.namespacePollIntervalMs = options.namespacePollIntervalMs ?? 1_000;
    this.logger = options.logger ?? new Logger('KubernetesGameRoomRuntime');
  }

  async ensureScheduler(schedulerName: string): Promise<void> {
    const deadline = Date.now() + this.namespaceTerminationTimeoutMs;
    for (;;) {
      const state = await this.call(`creating namespace ${schedulerName}`, () =>
        this.createNamespace(schedulerName),
      );
      if (state === 'ready') return;
      if (state === 'terminating') {
        // A namespace being deleted cannot be reused or recreated until the deletion completes.
        if (Date.now() >= deadline) {
          throw new GameRoomRuntimeError(
            'SchedulerTerminating',
            `namespace ${schedulerName} is still being deleted after ${this.namespaceTerminationTimeoutMs} ms`,
          );
        }
        await sleep(this.namespacePollIntervalMs);
      }
    }
  }

  async deleteScheduler(schedulerName: string): Promise<void> {
    const namespace = await this.call(`reading namespace ${schedulerName}`, () =>
      this.readNamespace(schedulerName),
    );
    if (namespace === null || isTerminating(namespace)) return;
    if (namespace.metadata?.labels?.[MaestroLabel.managedBy] !== MAESTRO) {
      // Not ours (say, `default`): remove our rooms from it but never the namespace itself.
      await this.call(`deleting rooms in namespace ${schedulerName}`, () =>
        this.client.core.deleteCollectionNamespacedPod({
          namespace: schedulerName,
          labelSelector: schedulerSelector(schedulerName),
        }),
      );
      return;
    }
    await this.call(`deleting namespace ${schedulerName}`, async () => {
      try {
        // The uid precondition deletes only the namespace we looked at, never one recreated since.
        await this.client.core.deleteNamespace({
          name: schedulerName,
          body: { preconditions: { uid: namespace.metadata?.uid } },
        });
      } catch (error) {
        const code = apiStatusOf(error)?.code;
        if (code === 404) return;
        // 409 also answers a namespace whose deletion has already begun (e.g. our retried call).
        const now = code === 409 ? await this.readNamespace(schedulerName) : undefined;
        if (now === null || (now !== undefined && isTerminating(now))) return;
        throw error;
      }
    });
  }

  async createInstance(spec: RoomInstanceSpec): Promise<void> {
    const pod = buildPod(spec);
    const action = `creating pod ${spec.schedulerName}/${spec.roomId}`;
    await this.call(action, () =>
      this.client.core.createNamespacedPod({ namespace: spec.schedulerName, body: pod }).then(
        () => undefined,
        (error: unknown) => {
          const status = apiStatusOf(error);
          // Already there (maybe our own earlier attempt that timed out): creating is idempotent.
          if (status?.code === 409 && status.reason === 'AlreadyExists') return;
          if (status?.code === 404 && status.kind === 'namespaces') {
            throw new GameRoomRuntimeError(
              'SchedulerNotProvisioned',
              `${action} failed: namespace ${spec.schedulerName} does not exist`,
              [status.message],
            );
          }
          if (status?.code === 403 && status.causes.includes('NamespaceTerminating')) {
            throw new GameRoomRuntimeError(
              'SchedulerTerminating',
              `${action} failed: namespace ${spec.schedulerName} is being deleted`,
              [status.message],
            );
          }
          throw error;
        },
      ),
    );
  }

  async deleteInstance(schedulerName: string, roomId: string): Promise<void> {
    await this.call(`deleting pod ${schedulerName}/${roomId}`, () =>
      // No gracePeriodSeconds: the pod's own terminationGracePeriodSeconds (the scheduler's) applies.
      this.client.core.deleteNamespacedPod({ namespace: schedulerName, name: roomId }).then(
        () => undefined,
        (error: unknown) => {
          if (apiStatusOf(error)?.code !== 404) throw error;
        },
      ),
    );
  }

  async listInstances(schedulerName?: string): Promise<RoomInstance[]> {
    const list = await this.call('listing pods', () =>
      schedulerName === undefined
        ? this.client.core.listPodForAllNamespaces({ labelSelector: MANAGED_BY_MAESTRO })
        : this.client.core.listNamespacedPod({
            namespace: schedulerName,
            labelSelector: schedulerSelector(schedulerName),
          }),
    );
    return list.items.map(roomInstanceOf);
  }

  async watch(onEvent: (event: InstanceEvent) => void): Promise<InstanceWatch> {
    const watcher = new PodWatcher(new KubernetesPodSource(this.client), onEvent, {
      resyncIntervalMs: this.resyncIntervalMs,
      retry: this.retry,
      logger: this.logger,
    });
    this.watchers.add(watcher);
    const stop = async (): Promise<void> => {
      this.watchers.delete(watcher);
      await watcher.stop();
    };
    try {
      await watcher.start();
    } catch (error) {
      await stop();
      throw error;
    }
    return { stop };
  }

  /** Nest calls this on shutdown: open watches must not keep the process alive. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.watchers].map((watcher) => watcher.stop()));
    this.watchers.clear();
  }

  /** Creates the scheduler's namespace; says whether it can take pods or is still being deleted. */
  private async createNamespace(name: string): Promise<'ready' | 'terminating' | 'vanished'> {
    try {
      await this.client.core.createNamespace({ body: schedulerNamespace(name) });
      return 'ready';
    } catch (error) {
      if (apiStatusOf(error)?.code !== 409) throw error;
    }
    // Already there: ours from an earlier call, someone else's (used as it is), or being deleted.
    const existing = await this.readNamespace(name);
    if (existing === null) return 'vanished';
    return isTerminating(existing) ? 'terminating' : 'ready';
  }

  /** Reads a namespace, or null when there is none. */
  private readNamespace(name: string): Promise<V1Namespace | null> {
    return this.client.core.readNamespace({ name }).catch((error: unknown) => {
      if (apiStatusOf(error)?.code === 404) return null;
      throw error;
    });
  }

  private async call<T>(action: string, request: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(request, this.retry);
    } catch (error) {
      throw toRuntimeError(error, action);
    }
  }
}

function schedulerNamespace(schedulerName: string): V1Namespace {
  return {
    metadata: {
      name: schedulerName,
      labels: {
        [MaestroLabel.managedBy]: MAESTRO,
        [MaestroLabel.heritage]: MAESTRO,
        [MaestroLabel.scheduler]: schedulerName,
      },
    },
  };
}

function schedulerSelector(schedulerName: string): string {
  return `${MANAGED_BY_MAESTRO},${MaestroLabel.scheduler}=${schedulerName}`;
}

function isTerminating(namespace: V1Namespace): boolean {
  return namespace.metadata?.deletionTimestamp !== undefined || namespace.status?.phase === 'Terminating';
}
