import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { KafkaReadinessCheck, MessagingModule } from '@maestro/messaging';
import { ObservabilityModule, type ReadinessCheck } from '@maestro/observability';
import { type RoomPingIngestConfig } from './config/room-ping-ingest.config';
import { MaestroErrorFilter } from './http/maestro-error.filter';
import { KnownRoomsReadinessCheck } from './known-rooms/known-rooms.readiness-check';
import { RoomsApiModule } from './rooms-api.module';
import { TopicsReadinessCheck } from './topics/topics.readiness-check';

/** The adapters the rooms API runs on, when not the ones its configuration names. */
export interface RoomPingIngestInfrastructure {
  /** Provides the message bus ports and the `TopicProvisioner` (default: Kafka at KAFKA_BROKERS). */
  readonly messaging?: DynamicModule;
  /** What tells that bus answers (Kafka's: the cluster answers a metadata request). */
  readonly messagingReadinessChecks?: Type<ReadinessCheck>[];
  /** The database allocation runs on (default: a pool of its own at DATABASE_URL, if set). */
  readonly persistence?: DynamicModule;
}

/** Composition root of the rooms API (ping ingestion): the message bus only, never a database per ping. */
@Module({})
export class AppModule {
  static forRoot(config: RoomPingIngestConfig, infrastructure?: RoomPingIngestInfrastructure): DynamicModule {
    const roomsApi = RoomsApiModule.forRoot(config, infrastructure?.persistence);
    const messaging =
      infrastructure?.messaging ??
      MessagingModule.forRoot({
        brokers: config.KAFKA_BROKERS,
        clientId: 'room-ping-ingest',
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
      });
    const messagingReadinessChecks = infrastructure?.messaging
      ? (infrastructure.messagingReadinessChecks ?? [])
      : [KafkaReadinessCheck];
    return {
      module: AppModule,
      imports: [
        messaging,
        ObservabilityModule.forRoot({
          service: 'room-ping-ingest',
          imports: [roomsApi],
          readinessChecks: [...messagingReadinessChecks, TopicsReadinessCheck, KnownRoomsReadinessCheck],
        }),
        roomsApi,
      ],
      providers: [{ provide: APP_FILTER, useClass: MaestroErrorFilter }],
    };
  }
}
