import { createTestDatabase, repoRoot, type TestDatabase } from '@maestro/testing';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Benchmark,
  type BenchmarkOutcome,
  type Progress,
  type RunSettings,
} from '../../harness/benchmark';
import { readProfile } from '../../harness/cpu-profile';
import { type LoadFigures, loadProblems, runLoad } from '../../harness/load';
import { formatMilliseconds, formatNumber, markdownTable } from '../../harness/markdown';
import { processCpuPercent, residentMiB, sampleProcessCpu } from '../../harness/proc-stats';
import { ServiceProcess } from '../../harness/service-process';
import { RunTopics } from '../../harness/run-topics';
import { LatencyRecorder, round } from '../../harness/stats';
import { checkPing, send, waitUntilReady } from '../ping-ingest/ping-probe';
import { createScheduler, fleetRoom, fleetSummary, managementApiUsers, workerMemory } from './fleet-client';
import { type KafkaPingLoadFigures, runKafkaPingLoad } from './kafka-ping-load';

const defaultRooms = 10_000;
const defaultRate = 10_000;
const defaultScaleRooms = 100_000;
const roomsPerScheduler = 1_000;
/** Rooms kept out of the load and pinged one at a time, flipping status, to time the lag. */
const probeRoomCount = 20;
const concurrentProbes = 2;
const probePollMs = 10;
const readyBody = '{"status":"ready","timestamp":1764300000,"runningMatches":0,"metadata":{}}';
const acceptedBody = '{"success":true}';

interface Room {
  readonly schedulerName: string;
  readonly roomId: string;
}

export interface LagFigures {
  readonly samples: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly failedProbes: number;
}

export interface MemorySample {
  readonly atSeconds: number;
  readonly workerRssMiB: number;
  readonly ingestRssMiB: number;
}

/**
 * From a ping's acknowledgement to its status in the worker's projection, under load, and the
 * worker's memory. The worker is the real one (Kafka, Postgres, fleet controller) with its rooms
 * simulated: an in-memory runtime whose instances run nothing, so that 10k–100k rooms fit on this
 * machine. Schedulers are created through the management API and the worker creates their rooms
 * as always; room-ping-ingest learns them from room-events.
 */
export const pingLag: Benchmark = {
  name: 'ping-lag',
  description:
    'ping ack → status in the worker’s in-memory fleet at a fixed rate over 10k rooms (rooms simulated, no pods), and the worker’s RSS at 10k and 100k rooms (needs pnpm testenv:up)',
  // Creating rooms through the worker ran at about 40 rooms/s on the loaded 2-core machine.
  estimateSeconds: (settings) =>
    60 + settings.durationSeconds + (settings.scaleRooms ?? defaultScaleRooms) / 40,
  describeSettings: (settings) =>
    `${(settings.rate ?? defaultRate).toLocaleString('en-US')} pings/s for ${settings.durationSeconds} s over ` +
    `${(settings.rooms ?? defaultRooms).toLocaleString('en-US')} rooms, ${settings.connections} connections; ` +
    `then the worker's memory at ${(settings.scaleRooms ?? defaultScaleRooms).toLocaleString('en-US')} rooms` +
    (settings.workerHeapMiB === undefined ? '' : `; worker heap limit ${settings.workerHeapMiB} MiB`) +
    (settings.loadVia === 'kafka' ? '; load published straight to room-pings' : ''),
  run: (settings, progress) => runPingLag(settings, progress),
};

export async function runPingLag(settings: RunSettings, progress: Progress): Promise<BenchmarkOutcome> {
  const roomCount = settings.rooms ?? defaultRooms;
  const rate = settings.rate ?? defaultRate;
  const scaleRooms = settings.scaleRooms ?? defaultScaleRooms;
  const loadVia = settings.loadVia ?? 'http';
  const runId = randomBytes(3).toString('hex');
  let topics: RunTopics | undefined;
  const services: ServiceProcess[] = [];
  const schedulerNames: string[] = [];
  let database: TestDatabase | undefined;
  const rooms: Room[] = [];
  const problems: string[] = [];
  // Profiles run to megabytes: kept out of the work tree.
  const profileDir = join(tmpdir(), 'maestro-bench-profiles', `ping-lag-${runId}`);
  if (settings.profile) mkdirSync(profileDir, { recursive: true });
  try {
    database = await createTestDatabase('bench');
    topics = await RunTopics.create('bench-ping-lag');
    const kafka = topics.serviceEnv;
    progress(`starting management-api, the worker (simulated rooms) and room-ping-ingest (run ${runId}) …`);
    const start = async (
      label: string,
      script: string,
      env: Record<string, string>,
    ): Promise<ServiceProcess> => {
      const service = await ServiceProcess.start({ label, script, env: { LOG_LEVEL: 'info', ...env } });
      services.push(service);
      return service;
    };
    const managementApi = await start('management-api', appScript('management-api', 'main.js'), {
      DATABASE_URL: database.url,
      MANAGEMENT_API_USERS: managementApiUsers,
    });
    const worker = await start(
      'worker (simulated rooms)',
      appScript('worker', join('simulation', 'main.js')),
      {
        DATABASE_URL: database.url,
        ...kafka,
        // Simulated rooms only ping during the load phase: they must not expire while the fleet
        // is being built (Maestro's 120 s initialization timeout would replace the first ones).
        ROOM_INITIALIZATION_TIMEOUT_MS: '3600000',
        ROOM_PING_TIMEOUT_MS: '3600000',
        // V8 sizes its heap for this machine's memory (24 GiB) and collects lazily; a container's
        // memory limit would make it collect sooner. The live heap is far smaller than its RSS.
        ...(settings.workerHeapMiB === undefined
          ? {}
          : { NODE_OPTIONS: `--max-old-space-size=${settings.workerHeapMiB}` }),
      },
    );
    const ingest = await start('room-ping-ingest', appScript('room-ping-ingest', 'main.js'), kafka);
    await waitUntilReady(worker.url, 180_000);
    await waitUntilReady(ingest.url, 180_000);
    const startRssMiB = round(residentMiB(worker.pid), 1);
    const startMemory = await workerMemory(worker.url);
    progress(
      `the worker is ready on the run's own topics (prefix ${topics.prefix}); RSS ${startRssMiB} MiB, V8 heap used ${startMemory.heapUsedMiB} MiB`,
    );

    const createdAt = performance.now();
    const tracked = await addRooms(managementApi.url, worker.url, runId, schedulerNames, roomCount, progress);
    rooms.push(...tracked);
    const creationSeconds = (performance.now() - createdAt) / 1000;
    progress(
      `${rooms.length.toLocaleString('en-US')} rooms tracked by the worker after ${Math.round(creationSeconds)} s`,
    );

    await waitUntilKnown(ingest.url, rooms);
    progress('first ping of every room (they turn ready) …');
    const first = await pingEachOnce(ingest.url, rooms, Math.min(rate, 5_000), settings.connections);
    problems.push(...loadProblems('first pings', first), ...refusals('first pings', first));
    await waitForStatuses(worker.url, schedulerNames, roomsPerScheduler, 'ready', rooms.length, progress);

    const probeRooms = rooms.slice(0, probeRoomCount);
    const loadRooms = rooms.slice(probeRoomCount);
    progress(
      `load: ${rate.toLocaleString('en-US')} pings/s for ${settings.durationSeconds} s over ${loadRooms.length.toLocaleString('en-US')} rooms ` +
        (loadVia === 'kafka'
          ? '(published straight to room-pings)'
          : `(${settings.connections} connections to room-ping-ingest)`) +
        `, ${probeRooms.length} probe rooms flipping ready ⇄ occupied …`,
    );
    const memory: MemorySample[] = [];
    const loadStarted = performance.now();
    const sampler = setInterval(() => {
      memory.push({
        atSeconds: round((performance.now() - loadStarted) / 1000, 1),
        workerRssMiB: round(residentMiB(worker.pid), 1),
        ingestRssMiB: round(residentMiB(ingest.pid), 1),
      });
    }, 1_000);
    if (settings.profile) await workerProfiler(worker.url, 'start');
    const workerCpu = sampleProcessCpu(worker.pid);
    const ingestCpu = sampleProcessCpu(ingest.pid);
    const probing = new AbortController();
    const lag = new LatencyRecorder();
    let failedProbes = 0;
    let load: PingLoad;
    try {
      const probes = Array.from({ length: concurrentProbes }, (_, index) =>
        probeLoop(
          ingest.url,
          worker.url,
          probeRooms.filter((_, position) => position % concurrentProbes === index),
          probing.signal,
          lag,
          () => failedProbes++,
        ),
      );
      load =
        loadVia === 'kafka'
          ? {
              via: 'kafka',
              figures: await runKafkaPingLoad({
                connection: topics.connection,
                rooms: loadRooms,
                rate,
                durationSeconds: settings.durationSeconds,
              }),
            }
          : {
              via: 'http',
              figures: await runLoad({
                url: ingest.url,
                connections: settings.connections,
                durationSeconds: settings.durationSeconds,
                overallRate: rate,
                request: { method: 'PUT', body: readyBody, paths: loadRooms.map(pingPath) },
              }),
            };
      probing.abort();
      await Promise.all(probes);
    } finally {
      clearInterval(sampler);
      probing.abort();
    }
    const cpu = {
      workerPercent: round(processCpuPercent(workerCpu, sampleProcessCpu(worker.pid)), 1),
      ingestPercent: round(processCpuPercent(ingestCpu, sampleProcessCpu(ingest.pid)), 1),
    };
    // After the CPU figures: serialising the profile is not the load's work.
    const profile = settings.profile ? await saveWorkerProfile(worker.url, profileDir, progress) : undefined;
    problems.push(...pingLoadProblems(load));
    const loadSummary = summarise(load);
    const [p50, p90, p99, max] = lag.percentiles([50, 90, 99, 100]);
    const lagFigures: LagFigures = {
      samples: lag.size,
      p50: round(p50 ?? Number.NaN, 1),
      p90: round(p90 ?? Number.NaN, 1),
      p99: round(p99 ?? Number.NaN, 1),
      max: round(max ?? Number.NaN, 1),
      failedProbes,
    };
    const workerRss = {
      maxMiB: Math.max(...memory.map((sample) => sample.workerRssMiB)),
      endMiB: memory.at(-1)?.workerRssMiB ?? Number.NaN,
      afterLoad: await workerMemory(worker.url),
    };
    progress(
      `load: ${Math.round(loadSummary.pingsPerSecond).toLocaleString('en-US')} pings/s acknowledged, p99 ${loadSummary.p99Ms} ms; ` +
        `ack → projection p50 ${lagFigures.p50} ms, p99 ${lagFigures.p99} ms over ${lagFigures.samples} probes ` +
        `(${failedProbes} failed); worker RSS max ${workerRss.maxMiB} MiB, CPU ${cpu.workerPercent} %; ingest CPU ${cpu.ingestPercent} %`,
    );
    if (lagFigures.samples === 0) problems.push('no probe reached the worker’s projection');
    if (failedProbes > 0)
      problems.push(`${failedProbes} probes were not acknowledged or never became visible`);

    let scale: Record<string, unknown> | undefined;
    if (scaleRooms > rooms.length) {
      const scaleStarted = performance.now();
      const added = await addRooms(
        managementApi.url,
        worker.url,
        runId,
        schedulerNames,
        scaleRooms - rooms.length,
        progress,
      );
      rooms.push(...added);
      const seconds = (performance.now() - scaleStarted) / 1000;
      await waitUntilKnown(ingest.url, added);
      progress(`pinging each of the ${rooms.length.toLocaleString('en-US')} rooms once …`);
      const pass = await pingEachOnce(ingest.url, rooms, Math.min(rate, 5_000), settings.connections);
      problems.push(...loadProblems('scale pings', pass), ...refusals('scale pings', pass));
      await waitForStatuses(worker.url, schedulerNames, roomsPerScheduler, 'ready', rooms.length, progress);
      const rssMiB = round(residentMiB(worker.pid), 1);
      scale = {
        trackedRooms: rooms.length,
        creationSeconds: round(seconds, 1),
        workerRssMiB: rssMiB,
        ingestRssMiB: round(residentMiB(ingest.pid), 1),
      };
      progress(`worker RSS with ${rooms.length.toLocaleString('en-US')} rooms, all pinged: ${rssMiB} MiB`);
    }

    const results = {
      measured:
        'rooms simulated, no pods: the worker runs with an in-memory game-room runtime; Kafka, Postgres, the management API, room-ping-ingest and the worker’s fleet controller are real. The run has Kafka topics of its own (KAFKA_TOPIC_PREFIX), created empty and deleted afterwards.',
      lag: lagFigures,
      load: load.figures,
      cpu,
      workerRss: { ...workerRss, afterCatchUp: startMemory },
      memory,
      ...(profile ? { workerProfile: profile } : {}),
      trackedRooms: roomCount,
      creationSeconds: round(creationSeconds, 1),
      ...(scale ? { scale } : {}),
    };
    return {
      settings: {
        rooms: roomCount,
        roomsPerScheduler,
        rate,
        durationSeconds: settings.durationSeconds,
        loadVia:
          loadVia === 'kafka'
            ? 'RoomPinged published by the harness straight to room-pings (the project’s Kafka publisher, acks -1, every 10 ms what the rate makes due, at most 4 sends of ≤ 500 in flight), as several room-ping-ingest replicas would; probe pings still go through room-ping-ingest'
            : 'PUT …/ping to room-ping-ingest (autocannon)',
        connections: settings.connections,
        probes: `${probeRoomCount} rooms outside the load, ${concurrentProbes} at a time, each ping flipping ready ⇄ occupied; worker polled every ${probePollMs} ms`,
        lagFrom: 'the 200 {"success":true} of the probe ping (client side)',
        lagTo:
          'GET /simulation/fleet/{s}/rooms/{id} on the worker shows the new ping status with a lastPingAt not older than the ping',
        scaleRooms,
        workerHeapMiB: settings.workerHeapMiB ?? "V8's default for this machine",
      },
      results,
      problems,
      markdown: pingLagMarkdown(settings, roomCount, rate, loadSummary, lagFigures, workerRss, scale),
    };
  } finally {
    await Promise.all(services.map((service) => service.stop()));
    await topics?.delete();
    await database?.drop();
  }
}

/** Starts or stops the simulated worker's CPU profiler (`/simulation/profile/…`). */
async function workerProfiler(workerUrl: string, action: 'start' | 'stop'): Promise<string> {
  const response = await fetch(`${workerUrl}/simulation/profile/${action}`, { method: 'POST' });
  const body = await response.text();
  if (!response.ok) throw new Error(`profiler ${action}: ${response.status} ${body}`);
  return body;
}

/** The worker's profile of the load phase, written to `dir` and summarised by area and function. */
async function saveWorkerProfile(
  workerUrl: string,
  dir: string,
  progress: Progress,
): Promise<ReturnType<typeof readProfile>> {
  writeFileSync(join(dir, 'worker-load.cpuprofile'), await workerProfiler(workerUrl, 'stop'));
  return readProfile(dir, progress);
}

function appScript(app: string, entry: string): string {
  return join(repoRoot(), 'apps', app, 'dist', entry);
}

function pingPath(room: Room): string {
  return `/scheduler/${room.schedulerName}/rooms/${room.roomId}/ping`;
}

/** The load as driven: through room-ping-ingest, or published straight to Kafka. */
type PingLoad =
  | { readonly via: 'http'; readonly figures: LoadFigures }
  | { readonly via: 'kafka'; readonly figures: KafkaPingLoadFigures };

interface PingLoadSummary {
  readonly via: 'http' | 'kafka';
  readonly pingsPerSecond: number;
  /** HTTP: a ping's response time; Kafka: a send's time to Kafka's acknowledgement. */
  readonly p99Ms: number;
}

function summarise(load: PingLoad): PingLoadSummary {
  return load.via === 'http'
    ? { via: 'http', pingsPerSecond: load.figures.requestsPerSecond, p99Ms: load.figures.latencyMs.p99 }
    : {
        via: 'kafka',
        pingsPerSecond: load.figures.publishedPerSecond,
        p99Ms: load.figures.sendLatencyMs.p99,
      };
}

function pingLoadProblems(load: PingLoad): string[] {
  if (load.via === 'http') return [...loadProblems('load', load.figures), ...refusals('load', load.figures)];
  const { failedSends, firstFailure } = load.figures;
  return failedSends > 0 ? [`load: ${failedSends} sends to Kafka failed (first: ${firstFailure})`] : [];
}

function refusals(where: string, figures: LoadFigures): string[] {
  return Object.entries(figures.bodies ?? {})
    .filter(([body]) => body !== acceptedBody)
    .map(([body, count]) => `${where}: ${count} answers ${body} instead of ${acceptedBody}`);
}

/** Creates schedulers of up to 1,000 rooms through the management API until `count` more rooms exist. */
async function addRooms(
  managementUrl: string,
  workerUrl: string,
  runId: string,
  schedulerNames: string[],
  count: number,
  progress: Progress,
): Promise<Room[]> {
  const created: string[] = [];
  for (let remaining = count; remaining > 0; remaining -= roomsPerScheduler) {
    const name = `bench-${runId}-${schedulerNames.length}`;
    await createScheduler(managementUrl, name, Math.min(roomsPerScheduler, remaining));
    schedulerNames.push(name);
    created.push(name);
  }
  progress(
    `created ${created.length} schedulers; waiting for the worker to create ${count.toLocaleString('en-US')} rooms …`,
  );
  const rooms: Room[] = [];
  const deadline = Date.now() + Math.max(300_000, count * 20);
  let lastReport = Date.now();
  for (const [index, name] of created.entries()) {
    const expected = Math.min(roomsPerScheduler, count - index * roomsPerScheduler);
    for (;;) {
      const summary = await fleetSummary(workerUrl, name);
      if (summary.rooms >= expected && (summary.byStatus.pending ?? 0) === 0) {
        rooms.push(...summary.roomIds.map((roomId) => ({ schedulerName: name, roomId })));
        break;
      }
      if (Date.now() > deadline)
        throw new Error(
          `scheduler ${name} has ${summary.rooms}/${expected} rooms (${JSON.stringify(summary.byStatus)})`,
        );
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        progress(`… ${rooms.length + summary.rooms} of ${count} rooms so far`);
      }
      await pause(500);
    }
  }
  return rooms;
}

/** room-ping-ingest learns rooms from room-events; the last room of each scheduler tells it caught up. */
async function waitUntilKnown(ingestUrl: string, rooms: readonly Room[]): Promise<void> {
  const lastOfScheduler = new Map<string, Room>();
  for (const room of rooms) lastOfScheduler.set(room.schedulerName, room);
  for (const room of lastOfScheduler.values()) {
    await checkPing(ingestUrl + pingPath(room), readyBody, acceptedBody, 300_000);
  }
}

async function pingEachOnce(
  ingestUrl: string,
  rooms: readonly Room[],
  rate: number,
  connections: number,
): Promise<LoadFigures> {
  return runLoad({
    url: ingestUrl,
    connections,
    durationSeconds: 3_600,
    amount: rooms.length,
    overallRate: rate,
    request: { method: 'PUT', body: readyBody, paths: rooms.map(pingPath) },
  });
}

async function waitForStatuses(
  workerUrl: string,
  schedulerNames: readonly string[],
  perScheduler: number,
  status: string,
  total: number,
  progress: Progress,
): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    let count = 0;
    for (const name of schedulerNames) count += (await fleetSummary(workerUrl, name)).byStatus[status] ?? 0;
    if (count >= total) return;
    if (Date.now() > deadline) throw new Error(`only ${count} of ${total} rooms are ${status} in the worker`);
    progress(`… ${count} of ${total} rooms ${status} in the worker (schedulers of ${perScheduler})`);
    await pause(2_000);
  }
}

/**
 * Pings its rooms one at a time, each ping flipping the room's status, and times from the ping's
 * acknowledgement to the worker's fleet showing it.
 */
async function probeLoop(
  ingestUrl: string,
  workerUrl: string,
  rooms: readonly Room[],
  signal: AbortSignal,
  lag: LatencyRecorder,
  failed: () => void,
): Promise<void> {
  const occupied = new Set<string>();
  for (let turn = 0; !signal.aborted && rooms.length > 0; turn++) {
    const room = rooms[turn % rooms.length];
    if (!room) return;
    const status = occupied.has(room.roomId) ? 'ready' : 'occupied';
    const sentAtMs = Date.now();
    const answer = await send(
      'PUT',
      ingestUrl + pingPath(room),
      JSON.stringify({ status, runningMatches: status === 'occupied' ? 1 : 0 }),
    );
    const acknowledged = performance.now();
    if (answer.status !== 200 || answer.body !== acceptedBody) {
      failed();
      await pause(100);
      continue;
    }
    if (status === 'occupied') occupied.add(room.roomId);
    else occupied.delete(room.roomId);
    const visible = await waitUntilVisible(workerUrl, room, status, sentAtMs, 30_000);
    if (visible === undefined) failed();
    else lag.record(Math.max(0, visible - acknowledged));
    // Rooms are left a moment between pings, as real rooms ping every few seconds.
    await pause(50);
  }
}

async function waitUntilVisible(
  workerUrl: string,
  room: Room,
  status: string,
  sentAtMs: number,
  timeoutMs: number,
): Promise<number | undefined> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const seen = await fleetRoom(workerUrl, room.schedulerName, room.roomId);
    // receivedAt is stamped by room-ping-ingest at millisecond precision on this same clock.
    if (
      seen?.pingStatus === status &&
      seen.lastPingAt !== undefined &&
      Date.parse(seen.lastPingAt) >= sentAtMs
    ) {
      return performance.now();
    }
    await pause(probePollMs);
  }
  return undefined;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function pingLagMarkdown(
  settings: RunSettings,
  roomCount: number,
  rate: number,
  load: PingLoadSummary,
  lag: LagFigures,
  workerRss: { maxMiB: number; endMiB: number; afterLoad: { heapUsedMiB: number } },
  scale: Record<string, unknown> | undefined,
): string {
  const table = markdownTable(
    ['figure', 'value', 'target'],
    ['left', 'right', 'right'],
    [
      [
        'pings/s acknowledged (asked)',
        `${formatNumber(load.pingsPerSecond, 0)} (${formatNumber(rate, 0)})`,
        '',
      ],
      [load.via === 'http' ? 'ping p99 ms' : 'Kafka send p99 ms', formatMilliseconds(load.p99Ms), ''],
      ['ack → projection p50 ms', formatNumber(lag.p50, 1), ''],
      ['ack → projection p99 ms', formatNumber(lag.p99, 1), '≤ 1,000'],
      [
        `worker RSS, ${roomCount.toLocaleString('en-US')} rooms, MiB (max)`,
        formatNumber(workerRss.maxMiB, 0),
        '≤ 300',
      ],
      ...(scale
        ? [
            [
              `worker RSS, ${Number(scale.trackedRooms).toLocaleString('en-US')} rooms, MiB`,
              formatNumber(Number(scale.workerRssMiB), 0),
              '≤ 600',
            ],
          ]
        : []),
    ],
  );
  return [
    `rooms simulated, no pods (in-memory runtime; real Kafka, Postgres, management API, room-ping-ingest and worker); ` +
      `${formatNumber(rate, 0)} pings/s asked for ${settings.durationSeconds} s over ${roomCount.toLocaleString('en-US')} rooms, ` +
      (load.via === 'kafka'
        ? 'published by the harness straight to room-pings (as several ingest replicas would); '
        : `${settings.connections} connections to room-ping-ingest; `) +
      `${lag.samples} probe pings flipping ready ⇄ occupied timed from their 200 to the worker's fleet showing them.`,
    '',
    table,
  ].join('\n');
}
