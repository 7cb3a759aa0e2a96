import { repoRoot } from '@maestro/testing';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Benchmark,
  type BenchmarkOutcome,
  type Progress,
  type RunSettings,
} from '../../harness/benchmark';
import { readProfile } from '../../harness/cpu-profile';
import { RunTopics } from '../../harness/run-topics';
import { type RoundFigures, summarise } from '../../harness/http-comparison';
import { type LoadFigures, loadProblems, type RequestSpec, runLoad } from '../../harness/load';
import { processCpuPercent, residentMiB, sampleProcessCpu } from '../../harness/proc-stats';
import { compiledScript, ServerProcess } from '../../harness/server-process';
import { ServiceProcess } from '../../harness/service-process';
import { median, ratio, round } from '../../harness/stats';
import { announceRooms, benchRooms, type BenchRooms } from './bench-rooms';
import { countRunPings, roomPingsOffsets } from './kafka-audit';
import { pingIngestMarkdown } from './ping-ingest.markdown';
import { checkPing, waitUntilReady } from './ping-probe';

export const acceptedBody = '{"success":true}';
const defaultRooms = 10_000;
const roomsPerScheduler = 1_000;
/** What a game room sends every few seconds (reference §3.1). */
const pingBody = '{"status":"ready","timestamp":1764300000,"runningMatches":0,"metadata":{}}';

type ServerKey = 'A' | 'B' | 'C';
export type Phase = 'peak' | 'half-peak';

export interface PingRound extends Omit<RoundFigures, 'server'> {
  readonly server: ServerKey;
  readonly phase: Phase;
  readonly connections: number;
  /** autocannon's overall rate for the round; absent at peak (as fast as the connections go). */
  readonly targetRate?: number;
  /** room-ping-ingest's resident memory at the end of the round, MiB (B only). */
  readonly serverRssMiB?: number;
}

export interface KafkaAudit {
  /** `{"success":true}` answers the load generator counted over the whole run (warm-up included). */
  readonly acknowledged: number;
  /** RoomPinged events of the run's schedulers found on room-pings between the run's start and end offsets. */
  readonly foundInKafka: number;
  /** Acknowledged but not in Kafka: must be zero. */
  readonly missing: number;
  /**
   * In Kafka but never counted as acknowledged: pings in flight when a load run stopped (the service
   * published them; the load generator had stopped listening). At most one per connection per load run.
   */
  readonly publishedNotCounted: number;
  /** Every message appended to the shared topic meanwhile, others' included. */
  readonly appendedByAnyone: number;
}

/**
 * The ping path against the ceiling of Node on this machine: `PUT /scheduler/{s}/rooms/{id}/ping`
 * over many rooms, answered by a bare node:http server (A) and by room-ping-ingest from its build
 * output, backed by the real Kafka broker (B), in alternating rounds; then each at half its own
 * peak rate; then every acknowledged ping is looked for in Kafka.
 */
export const pingIngest: Benchmark = {
  name: 'ping-ingest',
  description:
    'PUT …/rooms/{id}/ping over 10k rooms: room-ping-ingest on the real Kafka against a bare node:http server; checks every acknowledged ping is in Kafka (needs pnpm testenv:up)',
  estimateSeconds: (settings) =>
    (settings.connectionCounts?.length ?? 2) *
      (settings.compareWith ? 3 : 2) *
      (settings.warmupSeconds + 2 * settings.rounds * settings.durationSeconds) +
    30,
  run: (settings, progress) => runPingIngest(settings, progress),
};

export async function runPingIngest(settings: RunSettings, progress: Progress): Promise<BenchmarkOutcome> {
  const roomCount = settings.rooms ?? defaultRooms;
  const topics = await RunTopics.create('bench-ping-ingest');
  const { connection } = topics;
  const rooms = benchRooms(roomCount, roomsPerScheduler);
  // Few connections: each waits for its ping's Kafka round trip, so latency sets the pace. Many: the
  // pings of one round trip share a Kafka send, and CPU sets the pace.
  const connectionCounts = settings.connectionCounts ?? [...new Set([settings.connections, 500])];
  // Profiles run to megabytes: kept out of the work tree.
  const profileDir = join(tmpdir(), 'maestro-bench-profiles', `ping-ingest-${rooms.runId}`);
  let baseline: ServerProcess | undefined;
  let ingest: ServiceProcess | undefined;
  let compared: ServiceProcess | undefined;
  try {
    progress(
      `announcing ${roomCount.toLocaleString('en-US')} rooms (RoomCreated on room-events, schedulers bench-${rooms.runId}-0…${rooms.schedulerNames.length - 1})`,
    );
    await announceRooms(connection, rooms);

    progress('starting the node:http baseline and room-ping-ingest …');
    baseline = await ServerProcess.start(
      'node:http baseline',
      compiledScript(__dirname, 'node-ping.server.js'),
    );
    if (settings.profile) mkdirSync(profileDir, { recursive: true });
    ingest = await ServiceProcess.start({
      label: 'room-ping-ingest',
      script: join(repoRoot(), 'apps', 'room-ping-ingest', 'dist', 'main.js'),
      env: { ...topics.serviceEnv, LOG_LEVEL: 'info' },
      nodeArgs: settings.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    progress(
      `room-ping-ingest listening on ${ingest.url} (pid ${ingest.pid}); waiting until it knows the rooms …`,
    );
    if (settings.compareWith) {
      compared = await ServiceProcess.start({
        label: 'room-ping-ingest (compared build)',
        script: settings.compareWith,
        env: { ...topics.serviceEnv, LOG_LEVEL: 'info' },
      });
      progress(`compared build ${settings.compareWith} listening on ${compared.url} (pid ${compared.pid})`);
    }
    const lastRoom = rooms.pingPaths.at(-1) ?? '';
    await checkPing(baseline.url + lastRoom, pingBody, acceptedBody, 5_000);
    for (const service of [ingest, compared]) {
      if (!service) continue;
      await waitUntilReady(service.url);
      await checkPing(service.url + lastRoom, pingBody, acceptedBody, 60_000);
    }

    const before = await roomPingsOffsets(connection);
    const measured = await measure(
      {
        A: { url: baseline.url, pid: baseline.pid ?? 0 },
        B: { url: ingest.url, pid: ingest.pid },
        ...(compared ? { C: { url: compared.url, pid: compared.pid } } : {}),
      },
      rooms,
      settings,
      connectionCounts,
      progress,
      () => ingest?.exitReason ?? compared?.exitReason ?? baseline?.exited,
    );
    const after = await roomPingsOffsets(connection);
    progress('counting the run’s pings on room-pings …');
    const found = await countRunPings(connection, before, after, rooms.schedulerNames);
    const acknowledged = measured.acknowledgedByB;
    const audit: KafkaAudit = {
      acknowledged,
      foundInKafka: found.ours,
      missing: Math.max(0, acknowledged - found.ours),
      publishedNotCounted: Math.max(0, found.ours - acknowledged),
      appendedByAnyone: found.appended,
    };
    progress(
      `Kafka audit: ${acknowledged} acknowledged, ${found.ours} in room-pings, ${audit.missing} missing, ` +
        `${audit.publishedNotCounted} published while a load run stopped`,
    );
    const problems = [...measured.problems];
    if (audit.missing > 0) problems.push(`${audit.missing} acknowledged pings are not in Kafka`);

    await ingest.stop();
    await compared?.stop();
    const profile = settings.profile ? readProfile(profileDir, progress) : undefined;
    const byConnections = connectionCounts.map((connections) => {
      const of = (phase: Phase) =>
        summarise(
          measured.rounds
            .filter((figures) => figures.phase === phase && figures.connections === connections)
            .filter((figures): figures is PingRound & RoundFigures => figures.server !== 'C'),
        );
      // The compared build against the same baseline rounds, summarised as if it were B.
      const asB = (phase: Phase) =>
        summarise(
          measured.rounds
            .filter((figures) => figures.phase === phase && figures.connections === connections)
            .filter((figures) => figures.server !== 'B')
            .map((figures): RoundFigures => ({ ...figures, server: figures.server === 'C' ? 'B' : 'A' })),
        );
      return {
        connections,
        peak: of('peak'),
        halfPeak: of('half-peak'),
        ...(compared ? { compared: { peak: asB('peak'), halfPeak: asB('half-peak') } } : {}),
      };
    });
    return {
      settings: {
        request: `PUT /scheduler/{scheduler}/rooms/{room}/ping, body ${pingBody}`,
        rooms: roomCount,
        connectionCounts,
        roomsPerScheduler,
        roomOrder: 'round robin over every room, schedulers interleaved',
        pipelining: 1,
        order:
          'warm-up A, warm-up B; peak rounds A, B…; then half-peak rounds A, B… at half each one’s median peak rate',
        kafka: 'the test environment’s broker (shared with others’ tests); acks -1, idempotent producer',
        profiled: settings.profile === true,
      },
      results: {
        servers: {
          A: {
            label: 'node:http baseline',
            role: 'baseline',
            description: 'bare node:http: reads the body, answers 200 {"success":true}',
          },
          B: {
            label: 'room-ping-ingest',
            description:
              'apps/room-ping-ingest/dist/main.js as in production (LOG_LEVEL info): parse, known-rooms lookup, RoomPinged to Kafka (acks -1), answer once acknowledged',
          },
          ...(settings.compareWith
            ? { C: { label: 'room-ping-ingest (compared build)', script: settings.compareWith } }
            : {}),
        },
        rounds: measured.rounds,
        summary: byConnections,
        kafkaAudit: audit,
        ...(profile ? { profile } : {}),
      },
      problems,
      markdown: pingIngestMarkdown(settings, roomCount, byConnections, audit),
    };
  } finally {
    await baseline?.stop();
    await ingest?.stop();
    await compared?.stop();
    await topics.delete();
  }
}

interface Target {
  readonly url: string;
  readonly pid: number;
}

async function measure(
  targets: { readonly A: Target; readonly B: Target; readonly C?: Target },
  rooms: BenchRooms,
  settings: RunSettings,
  connectionCounts: readonly number[],
  progress: Progress,
  stopped: () => string | undefined,
): Promise<{ rounds: PingRound[]; problems: string[]; acknowledgedByB: number }> {
  const request: RequestSpec = { method: 'PUT', body: pingBody, paths: rooms.pingPaths };
  const labels: Record<ServerKey, string> = {
    A: 'node:http baseline',
    B: 'room-ping-ingest',
    C: 'room-ping-ingest (compared build)',
  };
  const keys: readonly ServerKey[] = targets.C ? ['A', 'B', 'C'] : ['A', 'B'];
  const target = (key: ServerKey): Target => {
    const found = targets[key];
    if (!found) throw new Error(`no server ${key}`);
    return found;
  };
  const rounds: PingRound[] = [];
  const problems: string[] = [];
  // The check pings of the last room, answered success true before the load.
  let acknowledgedByB = targets.C ? 2 : 1;
  const load = async (
    key: ServerKey,
    connections: number,
    seconds: number,
    overallRate?: number,
  ): Promise<LoadFigures> => {
    const figures = await runLoad({
      url: target(key).url,
      connections,
      durationSeconds: seconds,
      request,
      ...(overallRate === undefined ? {} : { overallRate }),
    });
    if (key !== 'A') acknowledgedByB += figures.bodies?.[acceptedBody] ?? 0;
    const down = stopped();
    if (down) throw new Error(`a server ${down} during the load`);
    return figures;
  };
  const refusals = (where: string, figures: LoadFigures): string[] => {
    const other = Object.entries(figures.bodies ?? {}).filter(([body]) => body !== acceptedBody);
    return other.map(([body, count]) => `${where}: ${count} answers ${body} instead of ${acceptedBody}`);
  };

  for (const connections of connectionCounts) {
    const mine = (phase: Phase): PingRound[] =>
      rounds.filter((figures) => figures.phase === phase && figures.connections === connections);
    if (settings.warmupSeconds > 0) {
      for (const key of keys) {
        const where = `${connections} connections, warm-up, ${labels[key]}`;
        progress(`${where}, ${settings.warmupSeconds} s …`);
        const figures = await load(key, connections, settings.warmupSeconds);
        problems.push(...loadProblems(where, figures), ...refusals(where, figures));
      }
    }
    const phases: { phase: Phase; rate: (key: ServerKey) => number | undefined }[] = [
      { phase: 'peak', rate: () => undefined },
      {
        phase: 'half-peak',
        rate: (key) => {
          const peaks = mine('peak').filter((figures) => figures.server === key);
          return peaks.length > 0
            ? Math.max(1, Math.round(median(peaks.map((figures) => figures.requestsPerSecond)) / 2))
            : undefined;
        },
      },
    ];
    for (const { phase, rate } of phases) {
      for (let roundNumber = 1; roundNumber <= settings.rounds && problems.length === 0; roundNumber++) {
        for (const key of keys) {
          const targetRate = rate(key);
          const where = `${connections} connections, ${phase} round ${roundNumber}/${settings.rounds}, ${labels[key]}`;
          progress(
            `${where}${targetRate ? ` at ${targetRate.toLocaleString('en-US')} req/s` : ''}, ${settings.durationSeconds} s …`,
          );
          const startedAt = new Date().toISOString();
          const cpuBefore = sampleProcessCpu(target(key).pid);
          const figures = await load(key, connections, settings.durationSeconds, targetRate);
          const cpuAfter = sampleProcessCpu(target(key).pid);
          const figuresOfRound: PingRound = {
            server: key,
            round: roundNumber,
            phase,
            connections,
            startedAt,
            ...(targetRate ? { targetRate } : {}),
            ...figures,
            serverCpuPercent: round(processCpuPercent(cpuBefore, cpuAfter), 1),
            serverCpuMicrosPerRequest: round(
              ratio(cpuAfter.cpuMicros - cpuBefore.cpuMicros, figures.responses),
              1,
            ),
            ...(key !== 'A' ? { serverRssMiB: round(residentMiB(target(key).pid), 1) } : {}),
          };
          rounds.push(figuresOfRound);
          progress(`${where}: ${describe(figuresOfRound)}`);
          problems.push(...loadProblems(where, figures), ...refusals(where, figures));
        }
      }
    }
  }
  return { rounds, problems, acknowledgedByB };
}

function describe(figures: PingRound): string {
  return [
    `${Math.round(figures.requestsPerSecond).toLocaleString('en-US')} req/s`,
    `p50 ${figures.latencyMs.p50.toFixed(2)} ms`,
    `p99 ${figures.latencyMs.p99.toFixed(2)} ms`,
    `p99.9 ${figures.latencyMs.p99_9.toFixed(2)} ms`,
    `non-2xx ${figures.non2xx}`,
    `server CPU ${Math.round(figures.serverCpuPercent)} %`,
    `load generator CPU ${Math.round(figures.loadGeneratorCpuPercent)} %`,
    ...(figures.serverRssMiB === undefined ? [] : [`RSS ${Math.round(figures.serverRssMiB)} MiB`]),
  ].join(', ');
}
