import { comparisonMarkdown, type RoundFigures, summarise } from './http-comparison';
import { loadProblems } from './load';

function round(server: 'A' | 'B', index: number, figures: Partial<RoundFigures> = {}): RoundFigures {
  return {
    server,
    round: index,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationSeconds: 10,
    responses: 100_000,
    requestsPerSecond: 10_000,
    latencyMs: { p50: 4, p90: 6, p99: 10, p99_9: 20, max: 30, mean: 5 },
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statusCodes: { '200': 100_000 },
    loadGeneratorCpuPercent: 60,
    serverCpuPercent: 95,
    serverCpuMicrosPerRequest: 95,
    ...figures,
  };
}

const rounds = [
  round('A', 1, {
    requestsPerSecond: 20_000,
    latencyMs: { p50: 2, p90: 3, p99: 4, p99_9: 9, max: 12, mean: 2.5 },
  }),
  round('B', 1, { requestsPerSecond: 8_000 }),
  round('A', 2, {
    requestsPerSecond: 24_000,
    latencyMs: { p50: 2, p90: 3, p99: 5, p99_9: 9, max: 12, mean: 2.5 },
  }),
  round('B', 2, {
    requestsPerSecond: 9_000,
    latencyMs: { p50: 5, p90: 6, p99: 12, p99_9: 20, max: 30, mean: 5 },
  }),
  round('A', 3, {
    requestsPerSecond: 21_000,
    latencyMs: { p50: 2, p90: 3, p99: 6, p99_9: 9, max: 12, mean: 2.5 },
  }),
  round('B', 3, {
    requestsPerSecond: 7_000,
    latencyMs: { p50: 5, p90: 6, p99: 11, p99_9: 20, max: 30, mean: 5 },
  }),
];

describe('an A/B comparison of HTTP servers', () => {
  it('summarises each server by the median of its rounds and quotes B against A', () => {
    const summary = summarise(rounds);
    expect(summary.A).toMatchObject({
      rounds: 3,
      requestsPerSecond: 21_000,
      requestsPerSecondRange: [20_000, 24_000],
      latencyMs: { p99: 5 },
    });
    expect(summary.B).toMatchObject({ rounds: 3, requestsPerSecond: 8_000, latencyMs: { p99: 11 } });
    expect(summary.ratio).toMatchObject({ requestsPerSecond: 0.381, latencyP99: 2.2 });
  });

  it('has no ratio until both servers have been measured', () => {
    expect(summarise(rounds.slice(0, 1)).ratio).toBeNull();
  });

  it('prints a Markdown table with the medians and the ratios', () => {
    const markdown = comparisonMarkdown(
      {
        path: '/healthz',
        expectedBody: '{"status":"ok"}',
        baseline: { label: 'node:http baseline', description: '', script: '' },
        candidate: { label: 'Nest stack', description: '', script: '' },
      },
      { durationSeconds: 10, connections: 50, rounds: 3, warmupSeconds: 3 },
      summarise(rounds),
    );
    expect(markdown).toContain('median of 3 rounds of 10 s per server');
    expect(markdown).toContain(
      '| A: node:http baseline |    21,000 |   2.00 |      5.00 |     9.00 |       0 |           95 |       95.0 |',
    );
    expect(markdown).toContain('| **B / A**             | **0.38×** |  2.50× | **2.20×** |');
    expect(markdown).toContain('B serves 0.38× the requests per second of A, at 2.20× its p99 latency.');
  });

  it('fails a round with any non-2xx answer, naming the status codes', () => {
    expect(
      loadProblems('round 1/3, Nest stack', {
        ...round('B', 1),
        non2xx: 12,
        statusCodes: { '200': 99_988, '503': 12 },
      }),
    ).toEqual(['round 1/3, Nest stack: 12 non-2xx responses (12 × 503)']);
  });

  it('fails a round with connection errors or timeouts', () => {
    expect(loadProblems('warm-up, A', { ...round('A', 1), errors: 3, timeouts: 2 })).toEqual([
      'warm-up, A: 3 connection errors',
      'warm-up, A: 2 requests timed out',
    ]);
  });
});
