import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { KafkaReadinessCheck, MessagingModule } from '@maestro/messaging';
import { ObservabilityModule } from '@maestro/observability';
import { type RoomPingIngestConfig } from './config/room-ping-ingest.config';
import { MaestroErrorFilter } from './http/maestro-error.filter';
import { KnownRoomsReadinessCheck } from './known-rooms/known-rooms.readiness-check';
import { RoomsApiModule } from './rooms-api.module';
import { TopicsReadinessCheck } from './topics/topics.readiness-check';

/** Composition root of the rooms API (ping ingestion): Kafka only, never a database per ping. */
@Module({})
export class AppModule {
  static forRoot(config: RoomPingIngestConfig): DynamicModule {
    const roomsApi = RoomsApiModule.forRoot(config);
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: 'room-ping-ingest' }),
        ObservabilityModule.forRoot({
          service: 'room-ping-ingest',
          imports: [roomsApi],
          readinessChecks: [KafkaReadinessCheck, TopicsReadinessCheck, KnownRoomsReadinessCheck],
        }),
        roomsApi,
      ],
      providers: [{ provide: APP_FILTER, useClass: MaestroErrorFilter }],
    };
  }
}
