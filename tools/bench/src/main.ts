// The benchmark harness: tools/bench/run.sh builds it and runs `node tools/bench/dist/main.js [args]`.
// Progress lines go to stderr, the Markdown for the README to stdout.
import { join, relative } from 'node:path';
import { benchmarks } from './benchmarks';
import { parseCliArgs, usage, UsageError } from './cli-args';
import { type Benchmark, progressFor, type RunSettings } from './harness/benchmark';
import { gitState, machineInfo, writeResultsFile } from './harness/results-file';

const repoRoot = join(__dirname, '..', '..', '..');
const resultsDir = join(repoRoot, 'bench', 'results');

async function main(): Promise<number> {
  let command;
  try {
    command = parseCliArgs(
      process.argv.slice(2),
      benchmarks.map((benchmark) => benchmark.name),
    );
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`[bench] ${error.message} (--help lists the options and the benchmarks)\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${usage(benchmarks)}\n`);
    return 0;
  }
  const selected = benchmarks.filter((benchmark) => command.names.includes(benchmark.name));
  const markdown: string[] = [];
  let failed = false;
  for (const benchmark of selected) {
    const outcome = await runOne(benchmark, command.settings);
    if (outcome.markdown) markdown.push(outcome.markdown);
    failed ||= !outcome.ok;
  }
  if (markdown.length > 0) process.stdout.write(`\n${markdown.join('\n\n')}\n`);
  return failed ? 1 : 0;
}

async function runOne(
  benchmark: Benchmark,
  settings: RunSettings,
): Promise<{ ok: boolean; markdown?: string }> {
  const progress = progressFor(benchmark.name);
  const machine = machineInfo();
  const startedAt = new Date();
  progress(
    `${settings.rounds} round${settings.rounds === 1 ? '' : 's'} × ${settings.durationSeconds} s per server, ` +
      `${settings.connections} connections, ${settings.warmupSeconds} s warm-up; ` +
      `about ${formatDuration(benchmark.estimateSeconds(settings))} (load average ${machine.loadAverage.join(' ')})`,
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
  return { ok, markdown: `${heading}: ${outcome.markdown}` };
}

function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
