import {
  CoreV1Api,
  createConfiguration,
  KubeConfig,
  type Middleware,
  ServerConfiguration,
  VersionApi,
} from '@kubernetes/client-node';

export interface KubernetesClientOptions {
  /**
   * Longest a single API request may take (default 30 s). client-node sets no timeout of its own,
   * so a hung API server would otherwise stall every caller forever. Watches are not affected.
   */
  readonly requestTimeoutMs?: number;
}

/** The Kubernetes API clients of a service, built from one kubeconfig. */
export class KubernetesClient {
  readonly core: CoreV1Api;
  private readonly version: VersionApi;

  constructor(
    readonly kubeConfig: KubeConfig,
    options: KubernetesClientOptions = {},
  ) {
    const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.core = new CoreV1Api(apiConfiguration(kubeConfig, requestTimeoutMs));
    this.version = new VersionApi(apiConfiguration(kubeConfig, requestTimeoutMs));
  }

  /** From a kubeconfig file, or the default lookup (KUBECONFIG, ~/.kube/config, in-cluster) without one. */
  static fromKubeconfig(path?: string, options: KubernetesClientOptions = {}): KubernetesClient {
    const kubeConfig = new KubeConfig();
    if (path) kubeConfig.loadFromFile(path);
    else kubeConfig.loadFromDefault();
    return new KubernetesClient(kubeConfig, options);
  }

  async serverVersion(): Promise<string> {
    const info = await this.version.getCode();
    return info.gitVersion;
  }
}

/** What `kubeConfig.makeApiClient` builds, plus a per-request timeout. */
function apiConfiguration(
  kubeConfig: KubeConfig,
  requestTimeoutMs: number,
): ReturnType<typeof createConfiguration> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const timeout: Middleware = {
    pre: (context) => {
      // AbortSignal.timeout's timer is unref'd: it never keeps the process alive by itself.
      context.setSignal(AbortSignal.timeout(requestTimeoutMs));
      return Promise.resolve(context);
    },
    post: (response) => Promise.resolve(response),
  };
  return createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kubeConfig },
    promiseMiddleware: [timeout],
  });
}
