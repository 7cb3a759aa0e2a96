import { type V1Pod, Watch } from '@kubernetes/client-node';
import { MANAGED_BY_MAESTRO } from '../maestro-labels';
import { type KubernetesClient } from './kubernetes-client';

export type PodWatchEvent =
  | { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly pod: V1Pod }
  | { readonly type: 'BOOKMARK' }
  | { readonly type: 'ERROR'; readonly message: string };

export interface PodList {
  readonly pods: readonly V1Pod[];
  readonly resourceVersion: string;
}

/**
 * Where the pod watcher gets pods from: the API server here, a scripted fake in the watcher's unit
 * tests (so reconnects and re-lists can be tested without breaking a real server).
 */
export interface PodSource {
  /** Every managed pod, and the resource version a watch continues from. */
  list(): Promise<PodList>;
  /**
   * Streams changes after `resourceVersion`. Resolves when the server ends the stream, rejects when
   * it fails; aborting `signal` ends it either way.
   */
  watch(resourceVersion: string, onEvent: (event: PodWatchEvent) => void, signal: AbortSignal): Promise<void>;
}

/** Every pod labelled `app.kubernetes.io/managed-by=maestro`, in all namespaces. */
export class KubernetesPodSource implements PodSource {
  private readonly watcher: Watch;

  constructor(
    private readonly client: KubernetesClient,
    private readonly labelSelector = MANAGED_BY_MAESTRO,
  ) {
    this.watcher = new Watch(client.kubeConfig);
  }

  async list(): Promise<PodList> {
    const list = await this.client.core.listPodForAllNamespaces({ labelSelector: this.labelSelector });
    return { pods: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
  }

  watch(
    resourceVersion: string,
    onEvent: (event: PodWatchEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // client-node hands back the request's AbortController only once the response has started,
      // so an abort that comes earlier is replayed when it arrives.
      let request: AbortController | undefined;
      const abort = (): void => request?.abort();
      signal.addEventListener('abort', abort, { once: true });
      const done = (error: unknown): void => {
        signal.removeEventListener('abort', abort);
        if (error instanceof Error) reject(error);
        else if (error) reject(new Error(`watch failed: ${JSON.stringify(error)}`));
        else resolve();
      };
      this.watcher
        .watch(
          '/api/v1/pods',
          { labelSelector: this.labelSelector, resourceVersion, allowWatchBookmarks: true },
          (type: string, object: unknown) => {
            const event = toWatchEvent(type, object);
            if (event) onEvent(event);
          },
          done,
        )
        .then((controller) => {
          request = controller;
          if (signal.aborted) controller.abort();
        }, done);
    });
  }
}

/** Watch objects arrive as raw JSON (no Date fields), which the converter is written for. */
function toWatchEvent(type: string, object: unknown): PodWatchEvent | undefined {
  switch (type) {
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED':
      return { type, pod: object as V1Pod };
    case 'BOOKMARK':
      return { type };
    case 'ERROR': {
      const status = object as { code?: number; reason?: string; message?: string } | undefined;
      return { type, message: `${status?.code ?? ''} ${status?.reason ?? ''}: ${status?.message ?? ''}` };
    }
    default:
      return undefined;
  }
}
