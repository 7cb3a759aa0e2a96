import { openDatabase } from '@maestro/persistence';
import { createTestDatabase, repoRoot, type TestDatabase, testEnvironment } from '@maestro/testing';
import { Agent } from 'node:http';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataSource } from 'typeorm';
import { type Benchmark, type Progress, type RunSettings } from '../../harness/benchmark';
import { readProfile } from '../../harness/cpu-profile';
import { formatMilliseconds, formatNumber, formatRatio, markdownTable } from '../../harness/markdown';
import { ServiceProcess } from '../../harness/service-process';
import { LatencyRecorder, ratio, round } from '../../harness/stats';
import { doubleAllocations, drainPool, type PhaseResult } from './allocation-clients';
import { countAllocatedEvents, refillPool, seedReadyRooms } from './allocation-pool';
import { selectOneFor } from './select-one.baseline';

const defaultRooms = 1_000;
const schedulerName = 'bench-allocation';
const targetPerSecond = 1_000;
const targetP99Ms = 20;

interface Side {
  readonly operations: number;
  readonly elapsedMs: number;
  readonly latencies: LatencyRecorder;
}

interface Figures {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * `POST /scheduler/{s}/rooms/allocate` on room-ping-ingest (built, as in production) over the
 * shared Postgres: `connections` clients allocate from a scheduler of `rooms` ready rooms until it
 * runs dry, the pool is refilled (untimed: every room ready again, allocations forgotten) and the
 * next phase starts, until `duration` seconds of allocation time. Every 200 is checked: a room
 * handed out twice within a phase is a double allocation; every phase must hand out every room;
 * the store must hold one `RoomAllocated` per 200. The baseline, in alternating rounds, is a bare
 * `SELECT 1` on the same Postgres by as many concurrent callers.
 */
export const allocation: Benchmark = {
  name: 'allocation',
  description:
    'POST …/rooms/allocate on a 1000-room scheduler: allocations/s, p50/p99, double allocations, against a bare Postgres SELECT 1 (needs pnpm testenv:up)',
  estimateSeconds: (settings) => 30 + settings.warmupSeconds + 2 * settings.durationSeconds,
  describeSettings: (settings) =>
    `${settings.connections} clients, ${settings.durationSeconds} s of allocation on a ` +
    `${settings.rooms ?? defaultRooms}-room scheduler (refilled whenever it runs dry) and as long of ` +
    `SELECT 1, in ${settings.rounds} alternating rounds, ${settings.warmupSeconds} s warm-up`,
  run: async (settings, progress) => measure(settings, progress),
};

async function measure(settings: RunSettings, progress: Progress) {
  const rooms = settings.rooms ?? defaultRooms;
  const clients = settings.connections;
  const roundMs = (settings.durationSeconds * 1_000) / settings.rounds;
  let database: TestDatabase | undefined;
  let dataSource: DataSource | undefined;
  let service: ServiceProcess | undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  // Profiles run to megabytes: kept out of the work tree.
  const profileDir = join(tmpdir(), 'maestro-bench-profiles', `allocation-${process.pid}`);
  if (settings.profile) mkdirSync(profileDir, { recursive: true });
  try {
    database = await createTestDatabase('bench_allocation');
    const db = await openDatabase({ url: database.url, poolSize: clients + 1 });
    dataSource = db;
    await seedReadyRooms(db, schedulerName, rooms);
    service = await ServiceProcess.start({
      label: 'room-ping-ingest',
      script: join(repoRoot(), 'apps', 'room-ping-ingest', 'dist', 'main.js'),
      env: {
        KAFKA_BROKERS: testEnvironment().kafkaBrokers.join(','),
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: String(clients),
        LOG_LEVEL: 'info',
      },
      nodeArgs: settings.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    const allocateUrl = `${service.url}/scheduler/${schedulerName}/rooms/allocate`;
    progress(
      `room-ping-ingest listening on ${service.url} (pid ${service.pid}); ${rooms} ready rooms seeded`,
    );
    await untilAllocationAvailable(allocateUrl, agent);

    const phases: PhaseResult[] = [];
    const runPhases = async (
      forMs: number,
      latencies: LatencyRecorder | undefined,
    ): Promise<PhaseResult[]> => {
      const done: PhaseResult[] = [];
      let spent = 0;
      while (spent < forMs) {
        await refillPool(db, schedulerName);
        const phase = await drainPool(allocateUrl, clients, agent, latencies);
        done.push(phase);
        spent += phase.elapsedMs;
        if (phase.failures.length > 0) break;
      }
      return done;
    };

    const warmup = await runPhases(settings.warmupSeconds * 1_000, undefined);
    const system = { operations: 0, elapsedMs: 0, latencies: new LatencyRecorder() };
    const baseline = { operations: 0, elapsedMs: 0, latencies: new LatencyRecorder() };
    for (let round = 1; round <= settings.rounds; round++) {
      progress(
        `round ${round}/${settings.rounds}: SELECT 1, then allocation, ${round === 1 ? '' : 'again '}`,
      );
      const selects = await selectOneFor(dataSource, clients, roundMs, baseline.latencies);
      baseline.operations += selects.queries;
      baseline.elapsedMs += selects.elapsedMs;
      const measured = await runPhases(roundMs, system.latencies);
      phases.push(...measured);
      for (const phase of measured) {
        system.operations += phase.roomIds.length;
        system.elapsedMs += phase.elapsedMs;
      }
    }

    await service.stop();
    const profile = settings.profile ? readProfile(profileDir, progress) : undefined;

    const handedOut = [...warmup, ...phases].reduce((sum, phase) => sum + phase.roomIds.length, 0);
    const storedEvents = await countAllocatedEvents(dataSource, schedulerName);
    const doubles = phases.flatMap((phase) => doubleAllocations(phase.roomIds));
    const shortPhases = phases.filter((phase) => new Set(phase.roomIds).size !== rooms).length;
    const failures = phases.flatMap((phase) => phase.failures);
    const a = figures(baseline);
    const b = figures(system);
    const summary = {
      allocationsPerSecond: round(b.perSecond, 0),
      p50Ms: round(b.p50, 2),
      p99Ms: round(b.p99, 2),
      phases: phases.length,
      doubleAllocations: doubles.length,
      phasesNotHandingOutEveryRoom: shortPhases,
      unexpectedNon2xx: failures.length,
      exhaustedAnswers: phases.reduce((sum, phase) => sum + phase.exhausted, 0),
      roomAllocatedEventsStored: storedEvents,
      answers200: handedOut,
      throughputRatio: round(ratio(b.perSecond, a.perSecond), 3),
      p50Ratio: round(ratio(b.p50, a.p50), 2),
      p99Ratio: round(ratio(b.p99, a.p99), 2),
    };
    const problems = [
      ...(doubles.length > 0
        ? [`${doubles.length} double allocations (e.g. ${doubles.slice(0, 3).join(', ')})`]
        : []),
      ...(shortPhases > 0 ? [`${shortPhases} phases did not hand out each of the ${rooms} rooms once`] : []),
      ...(failures.length > 0 ? [`${failures.length} unexpected answers, first: ${failures[0]}`] : []),
      ...(storedEvents !== handedOut
        ? [`${storedEvents} RoomAllocated events stored for ${handedOut} 200s`]
        : []),
      ...(b.perSecond < targetPerSecond
        ? [`${Math.round(b.perSecond)} allocations/s is below the ${targetPerSecond}/s target`]
        : []),
      ...(b.p99 >= targetP99Ms
        ? [`p99 ${round(b.p99, 2)} ms is not under the ${targetP99Ms} ms target`]
        : []),
    ];
    return {
      settings: { rooms, clients, schedulerName, refill: 'untimed, whenever a phase drained the pool' },
      results: {
        baseline: {
          label: 'SELECT 1 on the same Postgres, same concurrency',
          ...a,
          operations: baseline.operations,
        },
        system: { label: 'POST …/rooms/allocate on room-ping-ingest', ...b, operations: system.operations },
        phases: phases.map((phase) => ({
          allocations: phase.roomIds.length,
          elapsedMs: round(phase.elapsedMs, 1),
          exhausted: phase.exhausted,
        })),
        summary,
        ...(profile ? { profile } : {}),
      },
      problems,
      markdown: markdown(rooms, clients, settings, a, b, summary),
    };
  } finally {
    agent.destroy();
    await service?.stop();
    await dataSource?.destroy();
    await database?.drop();
  }
}

function figures(side: Side): Figures {
  const [p50 = Number.NaN, p99 = Number.NaN, max = Number.NaN] = side.latencies.percentiles([50, 99, 100]);
  return {
    perSecond: side.elapsedMs === 0 ? Number.NaN : (side.operations * 1_000) / side.elapsedMs,
    p50: round(p50, 3),
    p99: round(p99, 3),
    max: round(max, 3),
  };
}

function markdown(
  rooms: number,
  clients: number,
  settings: RunSettings,
  a: Figures,
  b: Figures,
  summary: {
    phases: number;
    doubleAllocations: number;
    throughputRatio: number;
    p50Ratio: number;
    p99Ratio: number;
  },
): string {
  const row = (label: string, side: Figures): string[] => [
    label,
    formatNumber(side.perSecond, 0),
    formatMilliseconds(side.p50),
    formatMilliseconds(side.p99),
    formatMilliseconds(side.max),
  ];
  return [
    `${clients} clients, ${settings.durationSeconds} s of allocation on a ${rooms}-room scheduler ` +
      `(${summary.phases} phases, each draining the pool; refills untimed), against as long of SELECT 1.`,
    '',
    markdownTable(
      ['path', 'ops/s', 'p50 ms', 'p99 ms', 'max ms'],
      ['left', 'right', 'right', 'right', 'right'],
      [
        row('A: SELECT 1 on Postgres (baseline)', a),
        row('B: POST …/rooms/allocate', b),
        [
          '**B / A**',
          formatRatio(summary.throughputRatio),
          formatRatio(summary.p50Ratio),
          formatRatio(summary.p99Ratio),
          '',
        ],
      ],
    ),
    '',
    `${formatNumber(b.perSecond, 0)} allocations/s (target ≥ ${targetPerSecond}), p99 ${formatMilliseconds(b.p99)} ms ` +
      `(target < ${targetP99Ms}), ${summary.doubleAllocations} double allocations.`,
  ].join('\n');
}

/** The service connects and migrates in the background; its allocate route answers 503 until then. */
async function untilAllocationAvailable(allocateUrl: string, agent: Agent): Promise<void> {
  const probeUrl = allocateUrl.replace(`/scheduler/${schedulerName}/`, '/scheduler/bench-probe/');
  for (let attempt = 0; attempt < 300; attempt++) {
    const probe = await drainPool(probeUrl, 1, agent, undefined);
    if (probe.exhausted === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the allocate route did not become available within 30 s');
}
