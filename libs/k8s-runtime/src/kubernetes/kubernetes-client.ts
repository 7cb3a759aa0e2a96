import { CoreV1Api, KubeConfig, VersionApi } from '@kubernetes/client-node';

/** The Kubernetes API clients of a service, built from one kubeconfig. */
export class KubernetesClient {
  readonly core: CoreV1Api;
  private readonly version: VersionApi;

  constructor(readonly kubeConfig: KubeConfig) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.version = kubeConfig.makeApiClient(VersionApi);
  }

  /** From a kubeconfig file, or the default lookup (KUBECONFIG, ~/.kube/config, in-cluster) without one. */
  static fromKubeconfig(path?: string): KubernetesClient {
    const kubeConfig = new KubeConfig();
    if (path) kubeConfig.loadFromFile(path);
    else kubeConfig.loadFromDefault();
    return new KubernetesClient(kubeConfig);
  }

  async serverVersion(): Promise<string> {
    const info = await this.version.getCode();
    return info.gitVersion;
  }
}
