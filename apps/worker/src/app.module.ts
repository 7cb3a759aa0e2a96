import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { KubernetesModule, KubernetesReadinessCheck } from '@maestro/k8s-runtime';
import { KafkaReadinessCheck, MessagingModule } from '@maestro/messaging';
import { ObservabilityModule, type ReadinessCheck } from '@maestro/observability';
import { PersistenceModule, PostgresReadinessCheck } from '@maestro/persistence';
import { type WorkerConfig } from './config/worker.config';
import { FleetModule } from './fleet/fleet.module';
import { FleetReadinessCheck } from './fleet/fleet.readiness-check';
import { workerSettingsFrom } from './fleet/worker-settings';
import { ForwardingReadinessCheck } from './forwarding/forwarding.readiness-check';
import { ForwardingModule } from './forwarding/forwarding.module';

/** An adapter module and what tells that the service behind it answers. */
export interface WorkerAdapter {
  readonly module: DynamicModule;
  readonly readinessChecks: Type<ReadinessCheck>[];
}

/** The adapters the worker runs on where not the ones its configuration names (the embedded mode). */
export interface WorkerInfrastructure {
  /** Provides `DataSource` and `DatabaseConnector` (default: Postgres at DATABASE_URL). */
  readonly persistence?: DynamicModule;
  /** Provides the message bus ports and the `TopicProvisioner` (default: Kafka at KAFKA_BROKERS). */
  readonly messaging?: WorkerAdapter;
  /** Provides the `GameRoomRuntime` (default: Kubernetes through KUBECONFIG). */
  readonly runtime?: WorkerAdapter;
}

/** Composition root of the worker: consumes events, projects state, drives the rooms' runtime. */
@Module({})
export class AppModule {
  static forRoot(config: WorkerConfig, infrastructure: WorkerInfrastructure = {}): DynamicModule {
    const fleet = FleetModule.forRoot(workerSettingsFrom(config));
    const forwarding = ForwardingModule.forRoot({
      consumerGroup: `${config.KAFKA_CONSUMER_GROUP}-forwarding`,
    });
    const messaging = infrastructure.messaging ?? {
      module: MessagingModule.forRoot({
        brokers: config.KAFKA_BROKERS,
        clientId: 'worker',
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        subscriber: {
          sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
          heartbeatIntervalMs: Math.floor(config.KAFKA_SESSION_TIMEOUT_MS / 10),
          maxWaitTimeMs: 250,
        },
      }),
      readinessChecks: [KafkaReadinessCheck],
    };
    const runtime = infrastructure.runtime ?? {
      module: KubernetesModule.forRoot({ kubeconfigPath: config.KUBECONFIG }),
      readinessChecks: [KubernetesReadinessCheck],
    };
    return {
      module: AppModule,
      imports: [
        infrastructure.persistence ??
          PersistenceModule.forRoot({ url: config.DATABASE_URL, applicationName: 'worker' }),
        messaging.module,
        runtime.module,
        fleet,
        forwarding,
        ObservabilityModule.forRoot({
          service: 'worker',
          imports: [fleet, forwarding],
          readinessChecks: [
            PostgresReadinessCheck,
            ...messaging.readinessChecks,
            ...runtime.readinessChecks,
            FleetReadinessCheck,
            ForwardingReadinessCheck,
          ],
        }),
      ],
    };
  }
}
