import { type DynamicModule, Module } from '@nestjs/common';
import { KafkaReadinessCheck, MessagingModule } from '@maestro/messaging';
import { ObservabilityModule } from '@maestro/observability';
import { type RoomPingIngestConfig } from './config/room-ping-ingest.config';

/** Composition root of the rooms API (ping ingestion): Kafka only, never a database per ping. */
@Module({})
export class AppModule {
  static forRoot(config: RoomPingIngestConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: 'room-ping-ingest' }),
        ObservabilityModule.forRoot({ service: 'room-ping-ingest', readinessChecks: [KafkaReadinessCheck] }),
      ],
    };
  }
}
