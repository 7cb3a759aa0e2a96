import { parseConfig } from '@maestro/config';
import { JsonLogger, startHttpService } from '@maestro/observability';
import { AppModule } from './app.module';
import { managementApiConfigSchema } from './config/management-api.config';

async function main(): Promise<void> {
  const config = parseConfig(managementApiConfigSchema);
  const logger = new JsonLogger('management-api', config.LOG_LEVEL);
  if (config.MANAGEMENT_API_AUTH === 'disabled') {
    logger.warn(
      { msg: 'authentication disabled: anyone reaching this port can manage schedulers' },
      'Bootstrap',
    );
  }
  await startHttpService(AppModule.forRoot(config), {
    service: 'management-api',
    host: config.HOST,
    port: config.PORT,
    logger,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
