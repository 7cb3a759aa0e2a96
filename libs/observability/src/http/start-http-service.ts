import 'reflect-metadata';
import { type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type JsonLogger } from '../logging/json-logger';
import { MetricsRegistry } from '../metrics/metrics.registry';

export interface HttpServiceOptions {
  readonly service: string;
  readonly host: string;
  readonly port: number;
  readonly logger: JsonLogger;
  /** Largest accepted request body; Fastify's default is 1 MiB. */
  readonly bodyLimitBytes?: number;
  /**
   * Whether SIGTERM/SIGINT close the application (default true). A process running several
   * applications (the embedded mode) closes them itself, in its own order.
   */
  readonly closeOnSignals?: boolean;
}

/**
 * Creates and starts a Nest application on Fastify with JSON logs, request metrics and graceful
 * shutdown on SIGTERM/SIGINT. Returns the running application.
 */
export async function startHttpService(
  rootModule: Type | DynamicModule,
  options: HttpServiceOptions,
): Promise<INestApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: options.bodyLimitBytes ?? 1_048_576 });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: options.logger,
    bufferLogs: true,
  });
  const metrics = app.get(MetricsRegistry);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpRequestDuration
      .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
    done();
  });
  if (options.closeOnSignals ?? true) closeOnSignals(app, options.logger);
  await app.listen(options.port, options.host);
  options.logger.log(
    { msg: `${options.service} listening`, url: `http://${options.host}:${await listeningPort(app)}` },
    'Bootstrap',
  );
  return app;
}

/**
 * On SIGTERM or SIGINT: stop accepting requests, run every shutdown hook (consumers, connections),
 * then let the process end on its own with exit code 0. A handle left open keeps it alive, which the
 * end-to-end tests catch; a second signal ends it at once.
 */
function closeOnSignals(app: INestApplication, logger: JsonLogger): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
    logger.log({ msg: 'shutting down', signal }, 'Bootstrap');
    app.close().then(
      () => {
        logger.log('stopped', 'Bootstrap');
        logger.flush();
      },
      (error: unknown) => {
        logger.error({ msg: 'shutdown failed', err: error }, 'Bootstrap');
        logger.flush();
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

async function listeningPort(app: INestApplication): Promise<number> {
  const url = new URL(await app.getUrl());
  return Number(url.port);
}
