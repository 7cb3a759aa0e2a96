import { formatMilliseconds } from '../../harness/markdown';
import { LatencyRecorder, round } from '../../harness/stats';

export interface Latencies {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  /** Every sample in trial order, to 0.01 ms. */
  readonly samples: readonly number[];
}

/** Nearest-rank p50/p90/p99/max of `samples` (milliseconds). */
export function summarise(samples: readonly number[]): Latencies {
  const recorder = new LatencyRecorder();
  for (const sample of samples) recorder.record(sample);
  const [p50 = Number.NaN, p90 = Number.NaN, p99 = Number.NaN, max = Number.NaN] = recorder
    .percentiles([50, 90, 99, 100])
    .map((value) => round(value, 2));
  return { count: samples.length, p50, p90, p99, max, samples: samples.map((sample) => round(sample, 2)) };
}

/** The p50, p90, p99 and max cells of a table row. */
export function latencyCells(latencies: Latencies): string[] {
  return [latencies.p50, latencies.p90, latencies.p99, latencies.max].map(formatMilliseconds);
}
