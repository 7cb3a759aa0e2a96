// Three trials of the scale-up benchmark against the test environment, to keep it working: it checks
// what the results file holds (every trial created a new room, baselines measured), never a timing.
// Starts the apps from their build output: build first
// (npx tsc -b tsconfig.build.json tools/bench/tsconfig.build.json).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@maestro/testing';
import { runBenchmark } from '../../harness/run-benchmark';
import { scaleUpBenchmark } from './scale-up.bench';

let resultsDir: string;

beforeAll(() => {
  resultsDir = mkdtempSync(join(tmpdir(), 'bench-scale-up-smoke-'));
});

afterAll(() => {
  rmSync(resultsDir, { recursive: true, force: true });
});

describe('the scale-up benchmark, in a smoke run', () => {
  it('times three scale-ups, each adding a new room, with both baselines alongside', async () => {
    const run = await runBenchmark(
      scaleUpBenchmark(3),
      { durationSeconds: 1, connections: 1, rounds: 1, warmupSeconds: 0 },
      resultsDir,
      repoRoot(),
    );
    if (!run.file) throw new Error('no results file written');
    const results = JSON.parse(readFileSync(run.file, 'utf8')) as Record<string, unknown>;

    expect(results).toMatchObject({
      benchmark: 'scale-up',
      ok: true,
      problems: [],
      settings: { trials: 3 },
      system: { count: 3 },
      baseline: { kafka: { count: 3 }, podCreate: { count: 3 }, floor: { count: 3 } },
      // Every trial found in the worker's event log: the occupied status change and the new room.
      stages: {
        pingToStatusChange: { count: 3 },
        statusChangeToRoomCreated: { count: 3 },
        roomCreatedToPodAdded: { count: 3 },
      },
    });
    const trials = results.trials as { occupied: string; newRoom: string; ms: number }[];
    const rooms = trials.flatMap((trial) => [trial.occupied, trial.newRoom]);
    // Each trial occupies the room the previous one added, and adds one never seen before.
    expect(new Set(trials.map((trial) => trial.newRoom)).size).toBe(3);
    expect(trials.slice(1).map((trial) => trial.occupied)).toEqual(
      trials.slice(0, -1).map((trial) => trial.newRoom),
    );
    expect(rooms.every((room) => room.startsWith('bench-scale-up-'))).toBe(true);
    expect(trials.every((trial) => Number.isFinite(trial.ms))).toBe(true);
    expect(run.markdown).toContain('B: occupied ping 2xx → new pod ADDED');
  }, 300_000);
});
