export { KubernetesClient } from './kubernetes/kubernetes-client';
export { KubernetesReadinessCheck } from './kubernetes/kubernetes.readiness-check';
export { KubernetesModule, type KubernetesOptions } from './kubernetes.module';
