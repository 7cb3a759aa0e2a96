import { join } from 'node:path';
import { type Benchmark } from '../../harness/benchmark';
import { compareHttpServers } from '../../harness/http-comparison';

/**
 * What the project's HTTP service stack costs per request, against the least Node can do: the same
 * `GET /healthz` answered by a bare node:http server (A) and by a Nest app started the way every
 * service starts (B, `startHttpService` + `ObservabilityModule`).
 */
export const httpStack: Benchmark = {
  name: 'http-stack',
  description:
    'GET /healthz: Nest + Fastify + observability (startHttpService) against a bare node:http server',
  estimateSeconds: (settings) =>
    2 * (settings.warmupSeconds + settings.rounds * settings.durationSeconds) + 5,
  run: (settings, progress) =>
    compareHttpServers(
      {
        path: '/healthz',
        expectedBody: '{"status":"ok"}',
        baseline: {
          label: 'node:http baseline',
          description: 'bare node:http server, one handler answering 200 {"status":"ok"}',
          script: join(__dirname, 'node-http.server.js'),
        },
        candidate: {
          label: 'Nest stack',
          description:
            "startHttpService(ObservabilityModule.forRoot({ service: 'bench', readinessChecks: [] })): " +
            'Nest on Fastify, JSON logger at warn, request-duration histogram',
          script: join(__dirname, 'nest-stack.server.js'),
        },
      },
      settings,
      progress,
    ),
};
