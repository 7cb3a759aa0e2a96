import { LatencyRecorder, median, ratio } from './stats';

describe('median', () => {
  it('takes the middle value of an odd count, in any order', () => {
    expect(median([30, 10, 20])).toBe(20);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('ratio', () => {
  it('is not a number when the baseline measured zero', () => {
    expect(ratio(5, 0)).toBeNaN();
  });
});

describe('LatencyRecorder', () => {
  it('gives nearest-rank percentiles of every recorded time, kept to the fraction of a millisecond', () => {
    const recorder = new LatencyRecorder();
    for (let i = 1; i <= 100_000; i++) recorder.record(i / 1000);
    expect(recorder.size).toBe(100_000);
    expect(recorder.percentiles([50, 99, 99.9, 100])).toEqual([50, 99, 99.9, 100]);
    expect(recorder.mean()).toBeCloseTo(50.0005, 6);
  });

  it('gives no percentile when nothing was recorded', () => {
    expect(new LatencyRecorder().percentiles([50])).toEqual([Number.NaN]);
  });
});
