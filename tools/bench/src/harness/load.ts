import autocannon from 'autocannon';
import { LatencyRecorder, round } from './stats';

export interface LoadSettings {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /** Something other than `GET <url>`: every request goes to the next of `paths`, round robin. */
  readonly request?: RequestSpec;
  /** Requests per second over all connections; unlimited when absent. */
  readonly overallRate?: number;
  /** Stop after this many requests (e.g. one per room) rather than after `durationSeconds`. */
  readonly amount?: number;
}

export interface RequestSpec {
  readonly method: 'PUT' | 'POST';
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Paths taken in turn (e.g. one per room), so the load spreads over all of them. */
  readonly paths: readonly string[];
}

/** What one load run measured, from the load generator's side. */
export interface LoadFigures {
  readonly durationSeconds: number;
  /** 2xx responses. */
  readonly responses: number;
  /** 2xx responses per second. */
  readonly requestsPerSecond: number;
  /** Response times of the 2xx responses. */
  readonly latencyMs: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly p99_9: number;
    readonly max: number;
    readonly mean: number;
  };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  /** CPU used by the load generator (this process), % of one core: near 100 means it, not the server, set the pace. */
  readonly loadGeneratorCpuPercent: number;
  /** 2xx responses by exact body, for a request spec (e.g. `{"success":true}` × n); absent otherwise. */
  readonly bodies?: Readonly<Record<string, number>>;
}

/** Distinct bodies kept apart at most; the rest are counted under `other`. */
const maxDistinctBodies = 20;

/** Loads `url` with autocannon, in this process: a fixed number of connections, pipelining 1. */
export async function runLoad(settings: LoadSettings): Promise<LoadFigures> {
  const latencies = new LatencyRecorder();
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const bodies = settings.request ? new Map<string, number>() : undefined;
  const instance = autocannon({
    url: settings.url,
    connections: settings.connections,
    duration: settings.durationSeconds,
    pipelining: 1,
    ...(settings.overallRate === undefined ? {} : { overallRate: settings.overallRate }),
    ...(settings.amount === undefined ? {} : { amount: settings.amount }),
    ...(settings.request && bodies ? requestsOf(settings.request, bodies) : {}),
  });
  instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
    if (statusCode >= 200 && statusCode < 300) latencies.record(responseTimeMs);
  });
  const result = await instance;
  const cpu = process.cpuUsage(cpuBefore);
  const elapsedMs = performance.now() - startedAt;
  const [p50, p90, p99, p99_9, max] = latencies.percentiles([50, 90, 99, 99.9, 100]);
  return {
    durationSeconds: result.duration,
    responses: result['2xx'],
    requestsPerSecond: round(result['2xx'] / result.duration, 1),
    latencyMs: {
      p50: microsecondsOf(p50),
      p90: microsecondsOf(p90),
      p99: microsecondsOf(p99),
      p99_9: microsecondsOf(p99_9),
      max: microsecondsOf(max),
      mean: microsecondsOf(latencies.mean()),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count]),
    ),
    loadGeneratorCpuPercent: round((100 * (cpu.user + cpu.system)) / (elapsedMs * 1000), 1),
    ...(bodies ? { bodies: Object.fromEntries(bodies) } : {}),
  };
}

/** autocannon's `requests`: each request takes the next path; each 2xx body is tallied. */
function requestsOf(
  spec: RequestSpec,
  bodies: Map<string, number>,
): Pick<autocannon.Options, 'method' | 'body' | 'headers' | 'requests'> {
  if (spec.paths.length === 0) throw new Error('a request spec needs at least one path');
  let next = 0;
  return {
    method: spec.method,
    body: spec.body,
    headers: { 'content-type': 'application/json', ...spec.headers },
    requests: [
      {
        setupRequest: (request) => {
          const path = spec.paths[next] ?? '/';
          next = (next + 1) % spec.paths.length;
          return { ...request, path };
        },
        onResponse: (status, body) => {
          if (status < 200 || status >= 300) return;
          const key = bodies.has(body) || bodies.size < maxDistinctBodies ? body : 'other';
          bodies.set(key, (bodies.get(key) ?? 0) + 1);
        },
      },
    ],
  };
}

/** Milliseconds to the microsecond. */
function microsecondsOf(milliseconds: number | undefined): number {
  return round(milliseconds ?? Number.NaN, 3);
}

/** Why a load run's figures cannot be trusted, one line each; empty when every request got a 2xx. */
export function loadProblems(label: string, figures: LoadFigures): string[] {
  const problems: string[] = [];
  if (figures.non2xx > 0) {
    const codes = Object.entries(figures.statusCodes)
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, count]) => `${count} × ${code}`)
      .join(', ');
    problems.push(`${label}: ${figures.non2xx} non-2xx responses (${codes})`);
  }
  if (figures.errors > 0) problems.push(`${label}: ${figures.errors} connection errors`);
  if (figures.timeouts > 0) problems.push(`${label}: ${figures.timeouts} requests timed out`);
  if (figures.responses === 0) problems.push(`${label}: no 2xx response at all`);
  return problems;
}
