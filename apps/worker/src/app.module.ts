import { type DynamicModule, Module } from '@nestjs/common';
import { KubernetesModule, KubernetesReadinessCheck } from '@maestro/k8s-runtime';
import { KafkaReadinessCheck, MessagingModule } from '@maestro/messaging';
import { ObservabilityModule } from '@maestro/observability';
import { PersistenceModule, PostgresReadinessCheck } from '@maestro/persistence';
import { type WorkerConfig } from './config/worker.config';
import { FleetModule } from './fleet/fleet.module';
import { FleetReadinessCheck } from './fleet/fleet.readiness-check';

/** Composition root of the worker: consumes events, projects state, drives the rooms' runtime. */
@Module({})
export class AppModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    const fleet = FleetModule.forRoot({
      topicPartitions: config.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
      consumerGroup: config.KAFKA_CONSUMER_GROUP,
      reconcileIntervalMs: config.RECONCILE_INTERVAL_MS,
      lastPingFlushIntervalMs: config.LAST_PING_FLUSH_INTERVAL_MS,
      instanceStartGraceMs: config.INSTANCE_START_GRACE_MS,
    });
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot({ url: config.DATABASE_URL, applicationName: 'worker' }),
        MessagingModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: 'worker',
          subscriber: {
            sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
            heartbeatIntervalMs: Math.floor(config.KAFKA_SESSION_TIMEOUT_MS / 10),
            maxWaitTimeMs: 250,
          },
        }),
        KubernetesModule.forRoot({ kubeconfigPath: config.KUBECONFIG }),
        fleet,
        ObservabilityModule.forRoot({
          service: 'worker',
          imports: [fleet],
          readinessChecks: [
            PostgresReadinessCheck,
            KafkaReadinessCheck,
            KubernetesReadinessCheck,
            FleetReadinessCheck,
          ],
        }),
      ],
    };
  }
}
