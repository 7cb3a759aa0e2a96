import { runService } from '@maestro/observability';
import { AppModule } from './app.module';
import { managementApiConfigSchema } from './config/management-api.config';

runService({
  service: 'management-api',
  configSchema: managementApiConfigSchema,
  rootModule: (config) => AppModule.forRoot(config),
  beforeStart: (config, logger) => {
    if (config.MANAGEMENT_API_AUTH === 'disabled') {
      logger.warn(
        { msg: 'authentication disabled: anyone reaching this port can manage schedulers' },
        'Bootstrap',
      );
    }
  },
});
