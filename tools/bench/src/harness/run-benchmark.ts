import { relative } from 'node:path';
import { type Benchmark, progressFor, type RunSettings } from './benchmark';
import { gitState, machineInfo, writeResultsFile } from './results-file';

export interface BenchmarkRun {
  readonly ok: boolean;
  /** The results file written; absent when the benchmark threw before measuring anything. */
  readonly file?: string;
  readonly markdown?: string;
}

/**
 * Runs one benchmark and writes `<resultsDir>/<name>-<YYYY-MM-DD>.json` (`….failed.json` when it
 * failed): machine, git state, settings, and whatever the benchmark measured.
 */
export async function runBenchmark(
  benchmark: Benchmark,
  settings: RunSettings,
  resultsDir: string,
  repoRoot: string,
): Promise<BenchmarkRun> {
  const progress = progressFor(benchmark.name);
  const machine = machineInfo();
  const startedAt = new Date();
  const plan =
    benchmark.describeSettings?.(settings) ??
    `${settings.rounds} round${settings.rounds === 1 ? '' : 's'} × ${settings.durationSeconds} s per server, ` +
      `${settings.connectionCounts?.join('/') ?? settings.connections} connections, ${settings.warmupSeconds} s warm-up`;
  progress(
    `${plan}; about ${formatDuration(benchmark.estimateSeconds(settings))} ` +
      `(load average ${machine.loadAverage.join(' ')})`,
  );
  const busy = machine.loadAverage[0] ?? 0;
  if (busy > machine.cores / 2) {
    progress(
      `the machine is busy (load average ${busy} on ${machine.cores} cores): absolute figures will be low and ` +
        'noisy; the ratios, measured in alternating rounds, hold up better',
    );
  }
  let outcome;
  try {
    outcome = await benchmark.run(settings, progress);
  } catch (error) {
    progress(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false };
  }
  const ok = outcome.problems.length === 0;
  const date = startedAt.toISOString().slice(0, 10);
  // A failed run keeps its figures for diagnosis without replacing the day's good results.
  const file = writeResultsFile(resultsDir, `${benchmark.name}-${date}${ok ? '' : '.failed'}`, {
    benchmark: benchmark.name,
    description: benchmark.description,
    ok,
    problems: outcome.problems,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: machineInfo().loadAverage },
    git: gitState(repoRoot),
    settings: { ...settings, ...outcome.settings },
    ...outcome.results,
  });
  for (const problem of outcome.problems) progress(`FAILED: ${problem}`);
  progress(
    `${ok ? 'done' : 'failed'} in ${formatDuration((Date.now() - startedAt.getTime()) / 1000)}; wrote ${relative(process.cwd(), file)}`,
  );
  const heading =
    `**${benchmark.name}**, ${date}, ${machine.cpuModel} (${machine.cores} cores), Node ${machine.node}` +
    (ok ? '' : ' — FAILED, figures not valid');
  return { ok, file, markdown: `${heading}: ${outcome.markdown}` };
}

export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
