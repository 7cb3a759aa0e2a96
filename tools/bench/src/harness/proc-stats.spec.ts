import { processCpuPercent, residentMiB, sampleProcessCpu } from './proc-stats';

describe('figures of a process read from /proc', () => {
  it('reads this process’s CPU time, which grows as it works', () => {
    const before = sampleProcessCpu(process.pid);
    let spin = 0;
    const until = Date.now() + 50;
    while (Date.now() < until) spin++;
    const after = sampleProcessCpu(process.pid);
    expect(spin).toBeGreaterThan(0);
    expect(after.cpuMicros).toBeGreaterThanOrEqual(before.cpuMicros);
    expect(after.atMicros).toBeGreaterThan(before.atMicros);
    expect(processCpuPercent(before, after)).toBeGreaterThanOrEqual(0);
  });

  it('reads this process’s resident memory', () => {
    expect(residentMiB(process.pid)).toBeGreaterThan(1);
  });
});
