import { parseConfig } from '@maestro/config';
import { JsonLogger, startHttpService } from '@maestro/observability';
import { AppModule } from './app.module';
import { roomPingIngestConfigSchema } from './config/room-ping-ingest.config';

async function main(): Promise<void> {
  const config = parseConfig(roomPingIngestConfigSchema);
  const logger = new JsonLogger('room-ping-ingest', config.LOG_LEVEL);
  await startHttpService(AppModule.forRoot(config), {
    service: 'room-ping-ingest',
    host: config.HOST,
    port: config.PORT,
    logger,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
