/** How long and how hard a run loads each server; set on the command line, the same for every benchmark. */
export interface RunSettings {
  /** Seconds of load per server per round. */
  readonly durationSeconds: number;
  /** Concurrent HTTP connections held by the load generator. */
  readonly connections: number;
  /** Measured rounds per server. */
  readonly rounds: number;
  /** Seconds of load per server, not measured, before the first round. */
  readonly warmupSeconds: number;
}

/** Prints one progress line, `[bench] <benchmark>: <message>`, on stderr. */
export type Progress = (message: string) => void;

export interface BenchmarkOutcome {
  /** Settings particular to this benchmark (the request, the order of rounds…), kept in the results file. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The servers compared, the raw figures of every round and the summary, kept in the results file. */
  readonly results: Readonly<Record<string, unknown>>;
  /** Why the figures cannot be trusted (non-2xx answers, errors, timeouts); the run fails when any. */
  readonly problems: readonly string[];
  /** Markdown for the README: what was measured, the table, and the ratios in words. */
  readonly markdown: string;
}

export interface Benchmark {
  /** Kebab-case; names the results file and selects the benchmark on the command line. */
  readonly name: string;
  /** One line for `--help`. */
  readonly description: string;
  /** Seconds the benchmark will take with these settings, for the opening progress line. */
  estimateSeconds(settings: RunSettings): number;
  run(settings: RunSettings, progress: Progress): Promise<BenchmarkOutcome>;
}

export function progressFor(benchmark: string): Progress {
  return (message) => {
    process.stderr.write(`[bench] ${benchmark}: ${message}\n`);
  };
}
