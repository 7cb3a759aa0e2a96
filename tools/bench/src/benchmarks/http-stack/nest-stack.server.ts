// Server B of http-stack: the project's HTTP service stack as every app builds it (Nest 12 on
// Fastify through startHttpService: JSON logger, request-duration metric on every response, graceful
// shutdown) with ObservabilityModule's /healthz, /readyz and /metrics, and nothing of an app's own.
// Logs at `warn` keep log writing out of the measurement.
import { JsonLogger, ObservabilityModule, startHttpService } from '@maestro/observability';
import { serveHarness } from '../../harness/server-protocol';

async function main(): Promise<void> {
  const logger = new JsonLogger('bench', 'warn');
  const app = await startHttpService(ObservabilityModule.forRoot({ service: 'bench', readinessChecks: [] }), {
    service: 'bench',
    host: '127.0.0.1',
    port: 0,
    logger,
  });
  serveHarness(Number(new URL(await app.getUrl()).port), async () => {
    await app.close();
    logger.flush();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
