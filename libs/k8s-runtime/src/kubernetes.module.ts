import { type DynamicModule, Module } from '@nestjs/common';
import { KubernetesClient } from './kubernetes/kubernetes-client';

export interface KubernetesOptions {
  /** Path of a kubeconfig file; without one, the default lookup (KUBECONFIG, ~/.kube/config, in-cluster). */
  readonly kubeconfigPath?: string;
}

@Module({})
export class KubernetesModule {
  static forRoot(options: KubernetesOptions): DynamicModule {
    return {
      module: KubernetesModule,
      global: true,
      providers: [
        {
          provide: KubernetesClient,
          useFactory: () => KubernetesClient.fromKubeconfig(options.kubeconfigPath),
        },
      ],
      exports: [KubernetesClient],
    };
  }
}
