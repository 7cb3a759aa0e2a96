// A few seconds of each ping benchmark against the test environment, to keep the scripts working:
// it checks what the results files hold and that no acknowledged ping went missing, never timings.
// Starts the apps and the benchmark servers from their build output: build first
// (npx tsc -b tsconfig.build.json tools/bench/tsconfig.build.json).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@maestro/testing';
import { type RunSettings } from '../harness/benchmark';
import { runBenchmark } from '../harness/run-benchmark';
import { pingIngest } from './ping-ingest/ping-ingest.bench';
import { pingLag } from './ping-lag/ping-lag.bench';

const smoke: RunSettings = {
  durationSeconds: 1,
  connections: 10,
  connectionCounts: [10],
  rounds: 1,
  warmupSeconds: 0,
  rooms: 200,
};

let resultsDir: string;

beforeAll(() => {
  resultsDir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
});

afterAll(() => {
  rmSync(resultsDir, { recursive: true, force: true });
});

function readResults(file: string | undefined): Record<string, unknown> {
  if (!file) throw new Error('no results file written');
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

describe('the ping benchmarks, in a smoke run', () => {
  it('ping-ingest measures both servers at peak and half peak, and finds every acknowledged ping in Kafka', async () => {
    const run = await runBenchmark(pingIngest, smoke, resultsDir, repoRoot());
    const results = readResults(run.file);

    expect(results).toMatchObject({
      benchmark: 'ping-ingest',
      ok: true,
      problems: [],
      settings: { rooms: 200, connectionCounts: [10] },
      servers: { A: { role: 'baseline' }, B: { label: 'room-ping-ingest' } },
    });
    const rounds = results.rounds as { server: string; phase: string; non2xx: number; responses: number }[];
    expect(rounds.map(({ server, phase }) => `${phase} ${server}`)).toEqual([
      'peak A',
      'peak B',
      'half-peak A',
      'half-peak B',
    ]);
    expect(rounds.every((round) => round.non2xx === 0 && round.responses > 0)).toBe(true);
    const audit = results.kafkaAudit as { acknowledged: number; foundInKafka: number; missing: number };
    expect(audit.missing).toBe(0);
    expect(audit.acknowledged).toBeGreaterThan(0);
    expect(audit.foundInKafka).toBeGreaterThanOrEqual(audit.acknowledged);
    expect(run.markdown).toContain('**0 missing**');
  }, 240_000);

  it('ping-lag times pings into the worker’s fleet and reads the worker’s memory at both sizes', async () => {
    const run = await runBenchmark(
      pingLag,
      { ...smoke, durationSeconds: 3, rate: 200, rooms: 100, scaleRooms: 150 },
      resultsDir,
      repoRoot(),
    );
    const results = readResults(run.file);

    expect(results).toMatchObject({
      benchmark: 'ping-lag',
      ok: true,
      problems: [],
      measured: expect.stringContaining('rooms simulated, no pods') as unknown,
      trackedRooms: 100,
      scale: { trackedRooms: 150 },
    });
    const lag = results.lag as { samples: number; failedProbes: number; p99: number };
    expect(lag.samples).toBeGreaterThan(0);
    expect(lag.failedProbes).toBe(0);
    expect(Number.isFinite(lag.p99)).toBe(true);
    const rss = results.workerRss as { maxMiB: number };
    expect(rss.maxMiB).toBeGreaterThan(0);
  }, 420_000);

  it('ping-lag publishes its load straight to Kafka when asked, and profiles the worker over it', async () => {
    const run = await runBenchmark(
      pingLag,
      { ...smoke, durationSeconds: 3, rate: 300, rooms: 100, scaleRooms: 0, loadVia: 'kafka', profile: true },
      resultsDir,
      repoRoot(),
    );
    const results = readResults(run.file);

    expect(results).toMatchObject({ benchmark: 'ping-lag', ok: true, problems: [], trackedRooms: 100 });
    const load = results.load as { published: number; failedSends: number; behindSchedule: number };
    expect(load.failedSends).toBe(0);
    expect(load.published).toBeGreaterThan(0);
    const lag = results.lag as { samples: number; failedProbes: number };
    expect(lag.samples).toBeGreaterThan(0);
    expect(lag.failedProbes).toBe(0);
    const profile = results.workerProfile as { busyMs: number; byArea: unknown[] };
    expect(profile.busyMs).toBeGreaterThan(0);
    expect(profile.byArea.length).toBeGreaterThan(0);
    expect(run.markdown).toContain('straight to room-pings');
  }, 420_000);
});
