// The benchmark harness: tools/bench/run.sh builds it and runs `node tools/bench/dist/main.js [args]`.
// Progress lines go to stderr, the Markdown for the README to stdout.
import { join } from 'node:path';
import { benchmarks } from './benchmarks';
import { parseCliArgs, usage, UsageError } from './cli-args';
import { runBenchmark } from './harness/run-benchmark';

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
    const outcome = await runBenchmark(benchmark, command.settings, resultsDir, repoRoot);
    if (outcome.markdown) markdown.push(outcome.markdown);
    failed ||= !outcome.ok;
  }
  if (markdown.length > 0) process.stdout.write(`\n${markdown.join('\n\n')}\n`);
  return failed ? 1 : 0;
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
