import autocannon from 'autocannon';
import { LatencyRecorder, round } from './stats';

export interface LoadSettings {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
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
}

/** Loads `url` with autocannon, in this process: a fixed number of connections, pipelining 1. */
export async function runLoad(settings: LoadSettings): Promise<LoadFigures> {
  const latencies = new LatencyRecorder();
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const instance = autocannon({
    url: settings.url,
    connections: settings.connections,
    duration: settings.durationSeconds,
    pipelining: 1,
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
