import { type DynamicModule } from '@nestjs/common';
import { parseConfig } from '@maestro/config';
import { type z } from 'zod';
import { JsonLogger } from '../logging/json-logger';
import { startHttpService } from './start-http-service';

/** Settings every service has. */
export interface ServiceSettings {
  readonly HOST: string;
  readonly PORT: number;
  readonly LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
}

export interface ServiceDefinition<TConfig extends ServiceSettings> {
  readonly service: string;
  readonly configSchema: z.ZodType<TConfig>;
  readonly rootModule: (config: TConfig) => DynamicModule;
  /** Runs after the configuration parsed, before the service starts (warnings about settings). */
  readonly beforeStart?: (config: TConfig, logger: JsonLogger) => void;
}

/**
 * A service's entry point: parse its configuration (refusing to start, with every problem named,
 * when it is invalid), then start it with JSON logs. The exit code tells a failed start.
 */
export function runService<TConfig extends ServiceSettings>(definition: ServiceDefinition<TConfig>): void {
  const start = async (): Promise<void> => {
    const config = parseConfig(definition.configSchema);
    const logger = new JsonLogger(definition.service, config.LOG_LEVEL);
    definition.beforeStart?.(config, logger);
    await startHttpService(definition.rootModule(config), {
      service: definition.service,
      host: config.HOST,
      port: config.PORT,
      logger,
    });
  };
  start().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
