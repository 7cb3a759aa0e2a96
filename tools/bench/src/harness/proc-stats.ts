import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Figures of any process on this Linux machine, read from /proc: the apps under test run from
// their own build output and answer no questions of the harness, so their CPU and memory are read
// from outside.

let ticksPerSecond: number | undefined;

function clockTicksPerSecond(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

export interface ProcessCpuSample {
  /** User plus system CPU time of every thread of the process so far, µs (10 ms resolution). */
  readonly cpuMicros: number;
  /** The harness's monotonic clock, µs. */
  readonly atMicros: number;
}

export function sampleProcessCpu(pid: number): ProcessCpuSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  return { cpuMicros: (ticks / clockTicksPerSecond()) * 1e6, atMicros: performance.now() * 1000 };
}

/** CPU used between two samples, % of one core (200 = both cores of this machine busy). */
export function processCpuPercent(from: ProcessCpuSample, to: ProcessCpuSample): number {
  const wall = to.atMicros - from.atMicros;
  return wall > 0 ? (100 * (to.cpuMicros - from.cpuMicros)) / wall : Number.NaN;
}

/** Resident set size of the process now, MiB. */
export function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}
