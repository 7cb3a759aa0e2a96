/** Median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

/** `value` to `decimals` places, to keep results files readable (NaN stays NaN). */
export function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** `candidate / baseline`; NaN when the baseline is zero (nothing to compare against). */
export function ratio(candidate: number, baseline: number): number {
  return baseline === 0 ? Number.NaN : candidate / baseline;
}

/**
 * Every response time of a load run, kept exactly (autocannon's own histogram rounds to whole
 * milliseconds, too coarse for a loopback server answering in one or two).
 */
export class LatencyRecorder {
  private samples = new Float64Array(1 << 16);
  private count = 0;

  record(milliseconds: number): void {
    if (this.count === this.samples.length) {
      const larger = new Float64Array(this.samples.length * 2);
      larger.set(this.samples);
      this.samples = larger;
    }
    this.samples[this.count++] = milliseconds;
  }

  get size(): number {
    return this.count;
  }

  /** Nearest-rank percentiles, e.g. `percentiles([50, 99])`; NaN for each when nothing was recorded. */
  percentiles(ranks: readonly number[]): number[] {
    const sorted = this.samples.slice(0, this.count).sort();
    return ranks.map((rank) => {
      if (sorted.length === 0) return Number.NaN;
      // The epsilon keeps floating-point noise (99.9 / 100 * 100000 = 99900.00000000001) from moving a rank.
      const index = Math.min(
        sorted.length - 1,
        Math.max(0, Math.ceil((rank / 100) * sorted.length - 1e-9) - 1),
      );
      return sorted[index] ?? Number.NaN;
    });
  }

  mean(): number {
    let sum = 0;
    for (let i = 0; i < this.count; i++) sum += this.samples[i] ?? 0;
    return this.count === 0 ? Number.NaN : sum / this.count;
  }
}
