import { type KubeConfig, type V1Pod, Watch } from '@kubernetes/client-node';
import { eventually } from '@maestro/testing';

export interface PodSighting {
  readonly name: string;
  /** `performance.now()` when the watch delivered the pod's ADDED event to this process. */
  readonly addedAt: number;
}

/**
 * The pods of one namespace as a Kubernetes watch reports them, each stamped with the moment its
 * ADDED event reached this process: the benchmark's "the pod exists in the API" is that moment,
 * for the worker's pods and for the baseline's alike.
 */
export class NamespacePods {
  private readonly added = new Map<string, number>();
  private readonly phases = new Map<string, string>();
  private controller: AbortController | undefined;
  private stopped = false;
  /** Times the API server ended the watch and it was opened again (pods created meanwhile arrive late). */
  restarts = 0;

  constructor(
    private readonly kubeConfig: KubeConfig,
    readonly namespace: string,
  ) {}

  /** Opens the watch; resolves once the server answered (the existing pods come first as ADDED). */
  async start(): Promise<void> {
    const watch = new Watch(this.kubeConfig);
    this.controller = await watch.watch(
      `/api/v1/namespaces/${this.namespace}/pods`,
      {},
      (type: string, object: V1Pod) => {
        this.record(type, object);
      },
      () => {
        if (this.stopped) return;
        this.restarts++;
        // Reopened without a resource version: the server replays the namespace's pods as ADDED and
        // the known names are ignored, so nothing is counted twice.
        void this.start();
      },
    );
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
  }

  names(): Set<string> {
    return new Set(this.added.keys());
  }

  /** The first pod added whose name is not in `known`, waiting for it up to `timeoutMs`. */
  newPod(known: ReadonlySet<string>, timeoutMs: number): Promise<PodSighting> {
    return eventually(
      () => {
        for (const [name, addedAt] of this.added) if (!known.has(name)) return { name, addedAt };
        throw new Error(`no new pod in ${this.namespace} yet`);
      },
      { timeoutMs, intervalMs: 5, description: `a new pod in ${this.namespace}` },
    );
  }

  /** Waits until the watch reported `name` running (kwok moves pods there; nothing runs in them). */
  running(name: string, timeoutMs: number): Promise<void> {
    return eventually(
      () => {
        if (this.phases.get(name) !== 'Running') throw new Error(`${name} is ${this.phases.get(name)}`);
      },
      { timeoutMs, intervalMs: 10, description: `${name} running` },
    );
  }

  private record(type: string, pod: V1Pod): void {
    const name = pod.metadata?.name;
    if (!name) return;
    if (type === 'DELETED' || pod.metadata?.deletionTimestamp) {
      this.phases.delete(name);
      return;
    }
    if (type !== 'ADDED' && type !== 'MODIFIED') return;
    if (!this.added.has(name)) this.added.set(name, performance.now());
    if (pod.status?.phase) this.phases.set(name, pod.status.phase);
  }
}
