import { parseConfig } from '@maestro/config';
import { JsonLogger, startHttpService } from '@maestro/observability';
import { AppModule } from './app.module';
import { workerConfigSchema } from './config/worker.config';

async function main(): Promise<void> {
  const config = parseConfig(workerConfigSchema);
  const logger = new JsonLogger('worker', config.LOG_LEVEL);
  await startHttpService(AppModule.forRoot(config), {
    service: 'worker',
    host: config.HOST,
    port: config.PORT,
    logger,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
