import { runService } from '@maestro/observability';
import { AppModule } from './app.module';
import { roomPingIngestConfigSchema } from './config/room-ping-ingest.config';

runService({
  service: 'room-ping-ingest',
  configSchema: roomPingIngestConfigSchema,
  rootModule: (config) => AppModule.forRoot(config),
});
