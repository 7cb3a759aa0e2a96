import { runService } from '@maestro/observability';
import { AppModule } from './app.module';
import { workerConfigSchema } from './config/worker.config';

runService({
  service: 'worker',
  configSchema: workerConfigSchema,
  rootModule: (config) => AppModule.forRoot(config),
});
