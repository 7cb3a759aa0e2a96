/** How long and how hard a run loads each server; set on the command line, the same for every benchmark. */
export interface RunSettings {
  /** Seconds of load per server per round. */
  readonly durationSeconds: number;
  /** Concurrent HTTP connections held by the load generator (the first of `connectionCounts`). */
  readonly connections: number;
  /** Every count given (`--connections 50,500`), for the benchmarks that measure several. */
  readonly connectionCounts?: readonly number[];
  /** Measured rounds per server. */
  readonly rounds: number;
  /** Seconds of load per server, not measured, before the first round. */
  readonly warmupSeconds: number;
  /** Rooms to spread the pings over, for the benchmarks that ping rooms (each has its default). */
  readonly rooms?: number;
  /** Pings per second, for the benchmarks that ping at a fixed rate (each has its default). */
  readonly rate?: number;
  /** Rooms the worker tracks for the memory measurement of ping-lag (default 100,000; 0 skips it). */
  readonly scaleRooms?: number;
  /** Another build of room-ping-ingest (its dist/main.js) to measure in the same rounds, for before/after. */
  readonly compareWith?: string;
  /** Run the service under test with `node --cpu-prof` and summarise where its time went. */
  readonly profile?: boolean;
  /**
   * V8's old-space limit for the worker in ping-lag (`--max-old-space-size`), as a container's
   * memory limit would set it; unset leaves V8's default for this machine's memory.
   */
  readonly workerHeapMiB?: number;
  /**
   * How ping-lag's load reaches the worker: `http` through room-ping-ingest (default), or `kafka`,
   * published by the harness straight to `room-pings` as several ingest replicas would.
   */
  readonly loadVia?: 'http' | 'kafka';
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
  /** What the run will do, for the opening progress line, when rounds of load per server do not say it. */
  describeSettings?(settings: RunSettings): string;
  run(settings: RunSettings, progress: Progress): Promise<BenchmarkOutcome>;
}

export function progressFor(benchmark: string): Progress {
  return (message) => {
    process.stderr.write(`[bench] ${benchmark}: ${message}\n`);
  };
}
