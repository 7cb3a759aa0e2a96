import { type V1Pod } from '@kubernetes/client-node';
import { type KubernetesClient } from '@maestro/k8s-runtime';
import { NamespacePods } from './namespace-pods';

/**
 * The least the last step of a scale-up can cost: one `create pod` request to the same API server
 * until the same kind of watch delivers the pod's ADDED event. The pods live in a namespace of their
 * own, without Maestro's labels, so the worker never sees them.
 */
export class PodCreateBaseline {
  private readonly pods: NamespacePods;
  private created = 0;

  constructor(
    private readonly kubernetes: KubernetesClient,
    readonly namespace: string,
  ) {
    this.pods = new NamespacePods(kubernetes.kubeConfig, namespace);
  }

  get watchRestarts(): number {
    return this.pods.restarts;
  }

  async start(): Promise<void> {
    await this.kubernetes.core.createNamespace({ body: { metadata: { name: this.namespace } } });
    await this.pods.start();
  }

  /** Milliseconds from sending the create request until the watch delivers ADDED (a scale-up pays the whole request too). */
  async once(timeoutMs: number): Promise<number> {
    const known = this.pods.names();
    const name = `baseline-${this.created++}`;
    const sent = performance.now();
    await this.kubernetes.core.createNamespacedPod({ namespace: this.namespace, body: pod(name) });
    const seen = await this.pods.newPod(known, timeoutMs);
    return seen.addedAt - sent;
  }

  async stop(): Promise<void> {
    this.pods.stop();
    await this.kubernetes.core.deleteNamespace({ name: this.namespace }).catch(() => undefined);
  }
}

/** Shaped like a room's pod (one container, requests and limits, a host port), minus the labels. */
function pod(name: string): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      containers: [
        {
          name: 'game',
          image: 'bench:1',
          imagePullPolicy: 'IfNotPresent',
          command: ['./run'],
          resources: { requests: { memory: '10Mi', cpu: '10m' }, limits: { memory: '20Mi', cpu: '20m' } },
        },
      ],
    },
  };
}
