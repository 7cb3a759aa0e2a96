import { type RunSettings } from '../../harness/benchmark';
import { type ComparisonSummary, type ServerSummary } from '../../harness/http-comparison';
import { formatMilliseconds, formatNumber, formatRatio, markdownTable } from '../../harness/markdown';
import { type KafkaAudit } from './ping-ingest.bench';

/** Spread of a server's rounds, (max − min) / median: how noisy the machine was. */
export function spreadPercent(server: ServerSummary | null): number {
  if (!server) return Number.NaN;
  const [low, high] = server.requestsPerSecondRange;
  return (100 * (high - low)) / server.requestsPerSecond;
}

export interface ConnectionsSummary {
  readonly connections: number;
  readonly peak: ComparisonSummary;
  readonly halfPeak: ComparisonSummary;
  /** The compared build (`--compare-with`) against the same baseline rounds, as B of its own summaries. */
  readonly compared?: { readonly peak: ComparisonSummary; readonly halfPeak: ComparisonSummary };
}

export function pingIngestMarkdown(
  settings: RunSettings,
  roomCount: number,
  summaries: readonly ConnectionsSummary[],
  audit: KafkaAudit,
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
  const ratioRow = (name: string, ratios: ComparisonSummary['ratio']): string[] =>
    ratios
      ? [
          name,
          `**${formatRatio(ratios.requestsPerSecond)}**`,
          formatRatio(ratios.latencyP50),
          formatRatio(ratios.latencyP99),
          '',
          '',
          '',
          formatRatio(ratios.serverCpuMicrosPerRequest),
        ]
      : [name, 'not measured', '', '', '', '', '', ''];
  const rows = summaries.flatMap(({ connections, peak, halfPeak, compared }) => {
    const ratios = peak.ratio;
    const comparedRows = compared
      ? [
          row(`${connections} conn. — C: compared build, peak`, compared.peak.B),
          ratioRow(`${connections} conn. — **C / A**`, compared.peak.ratio),
          row(`${connections} conn. — C at half its peak`, compared.halfPeak.B),
        ]
      : [];
    return [
      row(`${connections} conn. — A: node:http, peak`, peak.A),
      row(`${connections} conn. — B: room-ping-ingest, peak`, peak.B),
      ratios
        ? [
            `${connections} conn. — **B / A**`,
            `**${formatRatio(ratios.requestsPerSecond)}**`,
            formatRatio(ratios.latencyP50),
            formatRatio(ratios.latencyP99),
            '',
            '',
            '',
            formatRatio(ratios.serverCpuMicrosPerRequest),
          ]
        : [`${connections} conn. — **B / A**`, 'not measured', '', '', '', '', '', ''],
      row(`${connections} conn. — A at half its peak`, halfPeak.A),
      row(`${connections} conn. — B at half its peak`, halfPeak.B),
      ...comparedRows,
    ];
  });
  const table = markdownTable(
    [
      'connections — server',
      'req/s',
      'p50 ms',
      'p99 ms',
      'p99.9 ms',
      'non-2xx',
      'server CPU %',
      'CPU µs/req',
    ],
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows,
  );
  const rounds = Math.min(...summaries.map(({ peak }) => Math.min(peak.A?.rounds ?? 0, peak.B?.rounds ?? 0)));
  const verdicts = summaries.map(
    ({ connections, peak, halfPeak }) =>
      `with ${connections} connections B serves ${peak.ratio ? formatRatio(peak.ratio.requestsPerSecond) : 'n/a'} ` +
      `the requests per second of A (target ≥ 0.70×) and its p99 at half its peak rate is ` +
      `${formatMilliseconds(halfPeak.B?.latencyMs.p99 ?? Number.NaN)} ms (target ≤ 25 ms); round-to-round ` +
      `spread of req/s A ${formatNumber(spreadPercent(peak.A), 0)} %, B ${formatNumber(spreadPercent(peak.B), 0)} %`,
  );
  return [
    `PUT …/rooms/{id}/ping over ${roomCount.toLocaleString('en-US')} rooms (round robin), pipelining 1; median of ` +
      `${rounds} round${rounds === 1 ? '' : 's'} of ${settings.durationSeconds} s per server, phase and connection count, ` +
      `alternating A and B after ${settings.warmupSeconds} s of warm-up each; room-ping-ingest on the real Kafka (acks -1).`,
    '',
    table,
    '',
    `${verdicts.map((verdict) => verdict.charAt(0).toUpperCase() + verdict.slice(1)).join('. ')}. ` +
      `Kafka audit: ${audit.acknowledged.toLocaleString('en-US')} pings acknowledged, ` +
      `${audit.foundInKafka.toLocaleString('en-US')} found in room-pings, **${audit.missing} missing**.`,
  ].join('\n');
}
