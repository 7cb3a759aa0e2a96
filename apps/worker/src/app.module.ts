import { type DynamicModule, Module } from '@nestjs/common';
import { KubernetesModule, KubernetesReadinessCheck } from '@maestro/k8s-runtime';
import { KafkaReadinessCheck, MessagingModule } from '@maestro/messaging';
import { ObservabilityModule } from '@maestro/observability';
import { PersistenceModule, PostgresReadinessCheck } from '@maestro/persistence';
import { type WorkerConfig } from './config/worker.config';

/** Composition root of the worker: consumes events, projects state, drives the rooms' runtime. */
@Module({})
export class AppModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot({ url: config.DATABASE_URL, applicationName: 'worker' }),
        MessagingModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: 'worker' }),
        KubernetesModule.forRoot({ kubeconfigPath: config.KUBECONFIG }),
        ObservabilityModule.forRoot({
          service: 'worker',
          readinessChecks: [PostgresReadinessCheck, KafkaReadinessCheck, KubernetesReadinessCheck],
        }),
      ],
    };
  }
}
