import { get } from 'node:http';
import { type BenchmarkOutcome, type Progress, type RunSettings } from './benchmark';
import { type LoadFigures, loadProblems, runLoad } from './load';
import { formatMilliseconds, formatNumber, formatRatio, markdownTable } from './markdown';
import { cpuPercent, ServerProcess } from './server-process';
import { median, ratio, round } from './stats';

export interface ServerSpec {
  /** Short name in progress lines and the table, e.g. `node:http baseline`. */
  readonly label: string;
  /** What the server is, for the results file. */
  readonly description: string;
  /** Compiled script that starts the server and calls `serveHarness`. */
  readonly script: string;
}

export interface HttpComparisonSpec {
  /** The request every connection repeats. */
  readonly path: string;
  /** The exact 200 body both servers must answer, checked once before the load. */
  readonly expectedBody: string;
  /** A, measured first in every round; figures are quoted against it. */
  readonly baseline: ServerSpec;
  /** B. */
  readonly candidate: ServerSpec;
}

type ServerKey = 'A' | 'B';

export interface RoundFigures extends LoadFigures {
  readonly server: ServerKey;
  readonly round: number;
  readonly startedAt: string;
  /** User plus system CPU of the server process over the round, % of one core. */
  readonly serverCpuPercent: number;
  /** Server CPU time per 2xx response, µs. */
  readonly serverCpuMicrosPerRequest: number;
}

/** Medians over the rounds of one server (non-2xx, errors and timeouts: totals). */
export interface ServerSummary {
  readonly rounds: number;
  readonly requestsPerSecond: number;
  readonly requestsPerSecondRange: readonly [number, number];
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly p99_9: number };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly serverCpuPercent: number;
  readonly serverCpuMicrosPerRequest: number;
  readonly loadGeneratorCpuPercent: number;
}

export interface ComparisonSummary {
  readonly A: ServerSummary | null;
  readonly B: ServerSummary | null;
  /** B / A of the medians. */
  readonly ratio: {
    readonly requestsPerSecond: number;
    readonly latencyP99: number;
    readonly latencyP50: number;
    readonly serverCpuMicrosPerRequest: number;
  } | null;
}

/**
 * Loads two HTTP servers, each in its own process, with the same request: a warm-up each, then
 * rounds alternating A, B, A, B… so that the machine's drift hits both alike. Stops at the first
 * round with a non-2xx answer, a connection error or a timeout.
 */
export async function compareHttpServers(
  spec: HttpComparisonSpec,
  settings: RunSettings,
  progress: Progress,
): Promise<BenchmarkOutcome> {
  const specs: Record<ServerKey, ServerSpec> = { A: spec.baseline, B: spec.candidate };
  const keys: readonly ServerKey[] = ['A', 'B'];
  const servers = new Map<ServerKey, ServerProcess>();
  const rounds: RoundFigures[] = [];
  const problems: string[] = [];
  try {
    for (const key of keys) {
      progress(`starting ${specs[key].label} …`);
      const server = await ServerProcess.start(specs[key].label, specs[key].script);
      servers.set(key, server);
      progress(`${server.label} listening on ${server.url} (pid ${String(server.pid)})`);
      await checkAnswer(server, spec);
    }
    const serverFor = (key: ServerKey): ServerProcess => {
      const server = servers.get(key);
      if (!server) throw new Error(`server ${key} not started`);
      return server;
    };

    if (settings.warmupSeconds > 0) {
      for (const key of keys) {
        const server = serverFor(key);
        progress(`warm-up, ${server.label}, ${settings.warmupSeconds} s …`);
        const figures = await runLoad({
          ...loadSettings(settings),
          url: server.url + spec.path,
          durationSeconds: settings.warmupSeconds,
        });
        problems.push(...loadProblems(`warm-up, ${server.label}`, figures));
      }
    }

    const warmupFailed = problems.length > 0;
    measuring: for (let roundNumber = 1; roundNumber <= settings.rounds && !warmupFailed; roundNumber++) {
      for (const key of keys) {
        const server = serverFor(key);
        const where = `round ${roundNumber}/${settings.rounds}, ${server.label}`;
        progress(`${where}, ${settings.durationSeconds} s …`);
        const startedAt = new Date().toISOString();
        const cpuBefore = await server.sampleCpu();
        const figures = await runLoad({ ...loadSettings(settings), url: server.url + spec.path });
        if (server.exited) throw new Error(`${server.label} ${server.exited} during ${where}`);
        const cpuAfter = await server.sampleCpu();
        const figuresOfRound: RoundFigures = {
          server: key,
          round: roundNumber,
          startedAt,
          ...figures,
          serverCpuPercent: round(cpuPercent(cpuBefore, cpuAfter), 1),
          serverCpuMicrosPerRequest: round(
            ratio(cpuAfter.cpuMicros - cpuBefore.cpuMicros, figures.responses),
            1,
          ),
        };
        rounds.push(figuresOfRound);
        progress(`${where}: ${describeRound(figuresOfRound)}`);
        const found = loadProblems(where, figures);
        problems.push(...found);
        if (found.length > 0) break measuring;
      }
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
  }

  const summary = summarise(rounds);
  return {
    settings: {
      request: `GET ${spec.path}`,
      pipelining: 1,
      order: 'warm-up A, warm-up B, then A, B per round',
    },
    results: {
      servers: {
        A: { label: spec.baseline.label, description: spec.baseline.description, role: 'baseline' },
        B: { label: spec.candidate.label, description: spec.candidate.description },
      },
      rounds,
      summary,
    },
    problems,
    markdown: comparisonMarkdown(spec, settings, summary),
  };
}

function loadSettings(settings: RunSettings): { connections: number; durationSeconds: number } {
  return { connections: settings.connections, durationSeconds: settings.durationSeconds };
}

/** One plain request before any load: both servers must give the same 200 answer. */
async function checkAnswer(server: ServerProcess, spec: HttpComparisonSpec): Promise<void> {
  const url = server.url + spec.path;
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: text });
      });
      response.on('error', reject);
    }).on('error', reject);
  });
  if (status !== 200 || body !== spec.expectedBody) {
    throw new Error(
      `${server.label}: GET ${spec.path} answered ${status} ${body}, expected 200 ${spec.expectedBody}`,
    );
  }
}

function describeRound(round: RoundFigures): string {
  return [
    `${formatNumber(round.requestsPerSecond, 0)} req/s`,
    `p50 ${formatMilliseconds(round.latencyMs.p50)} ms`,
    `p99 ${formatMilliseconds(round.latencyMs.p99)} ms`,
    `non-2xx ${round.non2xx}`,
    `server CPU ${formatNumber(round.serverCpuPercent, 0)} %`,
    `load generator CPU ${formatNumber(round.loadGeneratorCpuPercent, 0)} %`,
  ].join(', ');
}

export function summarise(rounds: readonly RoundFigures[]): ComparisonSummary {
  const of = (key: ServerKey): ServerSummary | null => {
    const mine = rounds.filter((round) => round.server === key);
    if (mine.length === 0) return null;
    const medianOf = (pick: (round: RoundFigures) => number): number => median(mine.map(pick));
    const total = (pick: (round: RoundFigures) => number): number =>
      mine.reduce((sum, round) => sum + pick(round), 0);
    const rates = mine.map((round) => round.requestsPerSecond);
    return {
      rounds: mine.length,
      requestsPerSecond: medianOf((round) => round.requestsPerSecond),
      requestsPerSecondRange: [Math.min(...rates), Math.max(...rates)],
      latencyMs: {
        p50: medianOf((round) => round.latencyMs.p50),
        p99: medianOf((round) => round.latencyMs.p99),
        p99_9: medianOf((round) => round.latencyMs.p99_9),
      },
      non2xx: total((round) => round.non2xx),
      errors: total((round) => round.errors),
      timeouts: total((round) => round.timeouts),
      serverCpuPercent: medianOf((round) => round.serverCpuPercent),
      serverCpuMicrosPerRequest: medianOf((round) => round.serverCpuMicrosPerRequest),
      loadGeneratorCpuPercent: medianOf((round) => round.loadGeneratorCpuPercent),
    };
  };
  const A = of('A');
  const B = of('B');
  return {
    A,
    B,
    ratio:
      A && B
        ? {
            requestsPerSecond: round(ratio(B.requestsPerSecond, A.requestsPerSecond), 3),
            latencyP99: round(ratio(B.latencyMs.p99, A.latencyMs.p99), 3),
            latencyP50: round(ratio(B.latencyMs.p50, A.latencyMs.p50), 3),
            serverCpuMicrosPerRequest: round(
              ratio(B.serverCpuMicrosPerRequest, A.serverCpuMicrosPerRequest),
              3,
            ),
          }
        : null,
  };
}

export function comparisonMarkdown(
  spec: HttpComparisonSpec,
  settings: RunSettings,
  summary: ComparisonSummary,
): string {
  const row = (name: string, server: ServerSummary | null): string[] =>
    server
      ? [
          name,
          formatNumber(server.requestsPerSecond, 0),
          formatMilliseconds(server.latencyMs.p50),
          formatMilliseconds(server.latencyMs.p99),
          formatMilliseconds(server.latencyMs.p99_9),
          String(server.non2xx),
          formatNumber(server.serverCpuPercent, 0),
          formatNumber(server.serverCpuMicrosPerRequest, 1),
        ]
      : [name, 'not measured', '', '', '', '', '', ''];
  const ratios = summary.ratio;
  const table = markdownTable(
    ['server', 'req/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'non-2xx', 'server CPU %', 'CPU µs/req'],
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    [
      row(`A: ${spec.baseline.label}`, summary.A),
      row(`B: ${spec.candidate.label}`, summary.B),
      ratios
        ? [
            '**B / A**',
            `**${formatRatio(ratios.requestsPerSecond)}**`,
            formatRatio(ratios.latencyP50),
            `**${formatRatio(ratios.latencyP99)}**`,
            '',
            '',
            '',
            formatRatio(ratios.serverCpuMicrosPerRequest),
          ]
        : ['**B / A**', 'not measured', '', '', '', '', '', ''],
    ],
  );
  const roundsMeasured = Math.min(summary.A?.rounds ?? 0, summary.B?.rounds ?? 0);
  const lines = [
    `GET ${spec.path}, ${settings.connections} connections, pipelining 1; median of ${roundsMeasured} ` +
      `round${roundsMeasured === 1 ? '' : 's'} of ${settings.durationSeconds} s per server, alternating A and B ` +
      `after ${settings.warmupSeconds} s of warm-up each.`,
    '',
    table,
  ];
  if (ratios) {
    lines.push(
      '',
      `B serves ${formatRatio(ratios.requestsPerSecond)} the requests per second of A, at ` +
        `${formatRatio(ratios.latencyP99)} its p99 latency.`,
    );
  }
  return lines.join('\n');
}
