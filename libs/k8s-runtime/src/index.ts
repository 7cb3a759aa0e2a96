export { KubernetesClient, type KubernetesClientOptions } from './kubernetes/kubernetes-client';
export { KubernetesReadinessCheck } from './kubernetes/kubernetes.readiness-check';
export { KubernetesModule, type KubernetesOptions } from './kubernetes.module';
export {
  KubernetesGameRoomRuntime,
  type KubernetesGameRoomRuntimeOptions,
} from './kubernetes/kubernetes-game-room-runtime.adapter';
export { buildPod, roomLabels } from './kubernetes/pod.builder';
export {
  instanceStatusOf,
  roomInstanceOf,
  type PodInstanceStatus,
} from './kubernetes/room-instance.converter';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './kubernetes/kubernetes-api.retry';
export { type WatchLogger } from './kubernetes/pod.watcher';
export {
  InMemoryGameRoomRuntime,
  type InMemoryGameRoomRuntimeOptions,
  type RuntimeOperation,
} from './in-memory/in-memory-game-room-runtime.adapter';
export { GameRoomRuntimeError, type GameRoomRuntimeErrorCode } from './game-room-runtime.error';
export { MaestroLabel, MANAGED_BY_MAESTRO, SAFE_TO_EVICT_ANNOTATION } from './maestro-labels';
