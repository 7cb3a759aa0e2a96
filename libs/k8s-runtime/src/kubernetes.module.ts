import { GameRoomRuntime } from '@maestro/application';
import { type DynamicModule, Module } from '@nestjs/common';
import { KubernetesClient, type KubernetesClientOptions } from './kubernetes/kubernetes-client';
import {
  KubernetesGameRoomRuntime,
  type KubernetesGameRoomRuntimeOptions,
} from './kubernetes/kubernetes-game-room-runtime.adapter';

export interface KubernetesOptions extends KubernetesClientOptions {
  /** Path of a kubeconfig file; without one, the default lookup (KUBECONFIG, ~/.kube/config, in-cluster). */
  readonly kubeconfigPath?: string;
  /** Re-list period, retries and namespace-deletion wait of the game-room runtime. */
  readonly runtime?: KubernetesGameRoomRuntimeOptions;
}

/**
 * The Kubernetes client and the `GameRoomRuntime` port bound to the Kubernetes adapter. Neither
 * talks to the API server at start-up; `KubernetesReadinessCheck` tells when it answers.
 */
@Module({})
export class KubernetesModule {
  static forRoot(options: KubernetesOptions): DynamicModule {
    return {
      module: KubernetesModule,
      global: true,
      providers: [
        {
          provide: KubernetesClient,
          useFactory: () => KubernetesClient.fromKubeconfig(options.kubeconfigPath, options),
        },
        {
          provide: GameRoomRuntime,
          // Nest calls the instance's onApplicationShutdown, which ends open watches.
          useFactory: (client: KubernetesClient) => new KubernetesGameRoomRuntime(client, options.runtime),
          inject: [KubernetesClient],
        },
      ],
      exports: [KubernetesClient, GameRoomRuntime],
    };
  }
}
