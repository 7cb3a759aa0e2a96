import { KubeConfig } from '@kubernetes/client-node';
import { GameRoomRuntime } from '@maestro/application';
import { type FactoryProvider } from '@nestjs/common';
import { KubernetesClient } from './kubernetes/kubernetes-client';
import { KubernetesGameRoomRuntime } from './kubernetes/kubernetes-game-room-runtime.adapter';
import { KubernetesModule } from './kubernetes.module';

describe('KubernetesModule', () => {
  it('lets apps inject GameRoomRuntime, bound to the Kubernetes adapter, and the client', () => {
    const module = KubernetesModule.forRoot({ runtime: { resyncIntervalMs: 10_000 } });
    const providers = (module.providers ?? []) as FactoryProvider[];
    const runtimeProvider = providers.find((provider) => provider.provide === GameRoomRuntime);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'c', server: 'https://127.0.0.1:6443' }],
      users: [{ name: 'u' }],
      contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
      currentContext: 'c',
    });

    const runtime: unknown = runtimeProvider?.useFactory(new KubernetesClient(kubeConfig));

    expect(runtime).toBeInstanceOf(KubernetesGameRoomRuntime);
    expect(runtimeProvider?.inject).toEqual([KubernetesClient]);
    expect(module.exports).toEqual([KubernetesClient, GameRoomRuntime]);
  });
});
