import { KubernetesClient } from '@maestro/k8s-runtime';
import { KafkaConnection } from '@maestro/messaging';
import { createTestDatabase, repoRoot, type TestDatabase, testEnvironment } from '@maestro/testing';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type Benchmark, type Progress } from '../../harness/benchmark';
import { formatMilliseconds, formatRatio, markdownTable } from '../../harness/markdown';
import { RunTopics } from '../../harness/run-topics';
import { ServiceProcess } from '../../harness/service-process';
import { ratio } from '../../harness/stats';
import { waitUntilReady } from '../ping-ingest/ping-probe';
import { KafkaRoundTrip } from './kafka-round-trip';
import { latencyCells, type Latencies, summarise } from './latencies';
import { createBufferedScheduler, managementApiUsers, waitForCounts } from './management-client';
import { NamespacePods } from './namespace-pods';
import { PodCreateBaseline } from './pod-create-baseline';
import { RoomPinger } from './room-pinger';
import { type StageBreakdown, stageBreakdown, type TrialTimes } from './stage-breakdown';

/** Unmeasured trials first: the first reconciles and requests of each path warm them up. */
const warmupTrials = 2;
/** How often every room pings when its status does not change (a game server's heartbeat). */
const heartbeatMs = 5_000;
const targetP99Ms = 1_000;
const trialTimeoutMs = 30_000;

interface Trial extends TrialTimes {
  readonly ms: number;
  readonly kafkaMs: number;
  readonly podCreateMs: number;
}

/**
 * Scale-up reaction (issue #5): from the 2xx of the ping that turns a room occupied, and so raises
 * the scheduler's desired count, to the new room's pod in the Kubernetes API (a watch's ADDED). The
 * way crosses room-ping-ingest → Kafka → the worker (status change appended to Postgres, reconcile,
 * fixedBuffer decision, RoomCreated appended) → `create pod`. Each trial is interleaved with two
 * baselines on the same services: a bare Kafka produce → consume and a bare `create pod` → ADDED.
 * `trialsPerRound` × `--rounds` trials (a smoke run asks for few).
 */
export function scaleUpBenchmark(trialsPerRound = 20): Benchmark {
  return {
    name: 'scale-up',
    description:
      'occupied ping 2xx → the new room’s pod in the Kubernetes API (fixedBuffer autoscaling), against bare Kafka and create-pod round trips (needs pnpm testenv:up)',
    estimateSeconds: (settings) => 40 + (settings.rounds * trialsPerRound + warmupTrials),
    describeSettings: (settings) =>
      `${settings.rounds * trialsPerRound} trials (+${warmupTrials} warm-up), one at a time, each with a Kafka and a create-pod baseline`,
    run: (settings, progress) => measure(settings.rounds * trialsPerRound, progress),
  };
}

export const scaleUp = scaleUpBenchmark();

async function measure(trials: number, progress: Progress) {
  const environment = testEnvironment();
  const runId = randomBytes(3).toString('hex');
  const schedulerName = `bench-scale-up-${runId}`;
  const kubernetes = KubernetesClient.fromKubeconfig(environment.kubeconfigPath);
  const connection = new KafkaConnection({ brokers: environment.kafkaBrokers, clientId: 'bench-scale-up' });
  let runTopics: RunTopics | undefined;
  const services: ServiceProcess[] = [];
  const roomPods = new NamespacePods(kubernetes.kubeConfig, schedulerName);
  const kafkaBaseline = new KafkaRoundTrip(connection);
  const podBaseline = new PodCreateBaseline(kubernetes, `${schedulerName}-baseline`);
  let pinger: RoomPinger | undefined;
  let database: TestDatabase | undefined;
  const problems: string[] = [];
  const done: Trial[] = [];
  try {
    database = await createTestDatabase('bench');
    progress(`starting management-api, room-ping-ingest and the worker (run ${runId}) …`);
    const start = async (label: string, env: Record<string, string>): Promise<ServiceProcess> => {
      const script = join(repoRoot(), 'apps', label, 'dist', 'main.js');
      const service = await ServiceProcess.start({ label, script, env: { LOG_LEVEL: 'info', ...env } });
      services.push(service);
      return service;
    };
    const managementApi = await start('management-api', {
      DATABASE_URL: database.url,
      MANAGEMENT_API_USERS: managementApiUsers,
    });
    // Topics of the run's own: the worker reads no other database's history.
    runTopics = await RunTopics.create('bench-scale-up');
    const worker = await start('worker', {
      DATABASE_URL: database.url,
      ...runTopics.serviceEnv,
      KUBECONFIG: environment.kubeconfigPath,
    });
    const ingest = await start('room-ping-ingest', runTopics.serviceEnv);
    await waitUntilReady(worker.url, 180_000);
    await waitUntilReady(ingest.url, 180_000);

    await roomPods.start();
    await createBufferedScheduler(managementApi.url, schedulerName, trials + warmupTrials + 10);
    progress(`scheduler ${schedulerName} created (fixedBuffer 1); waiting for its first room`);
    pinger = new RoomPinger(ingest.url, schedulerName, heartbeatMs);
    let readyRoom = (await roomPods.newPod(new Set(), 90_000)).name;
    await roomPods.running(readyRoom, 90_000);
    await pinger.report(readyRoom, 'ready');
    await waitForCounts(managementApi.url, schedulerName, { roomsReady: 1, roomsOccupied: 0 }, 60_000);
    pinger.start();
    await kafkaBaseline.start();
    await podBaseline.start();

    progress(`measuring ${trials} scale-ups, one at a time`);
    for (let trial = 0; trial < warmupTrials + trials; trial++) {
      const kafkaMs = await kafkaBaseline.once();
      const podCreateMs = await podBaseline.once(trialTimeoutMs);
      const known = roomPods.names();
      try {
        // t0: the occupied ping's 2xx; t1: the watch delivers the pod of the room the worker added.
        await pinger.report(readyRoom, 'occupied');
        const acknowledged = performance.now();
        const added = await roomPods.newPod(known, trialTimeoutMs);
        const ms = added.addedAt - acknowledged;
        if (ms < 0) problems.push(`trial ${trial}: a pod appeared before the occupied ping was acknowledged`);
        if (trial >= warmupTrials) {
          done.push({
            schedulerName,
            occupied: readyRoom,
            newRoom: added.name,
            acknowledgedAt: performance.timeOrigin + acknowledged,
            addedAt: performance.timeOrigin + added.addedAt,
            ms,
            kafkaMs,
            podCreateMs,
          });
          if (done.length % 10 === 0)
            progress(`… ${done.length}/${trials} (last: ${formatMilliseconds(ms)} ms)`);
        }
        // The new room turns ready before the next trial, so each trial occupies the only ready room.
        readyRoom = added.name;
        await roomPods.running(readyRoom, trialTimeoutMs);
        await pinger.report(readyRoom, 'ready');
        await waitForCounts(
          managementApi.url,
          schedulerName,
          { roomsReady: 1, roomsOccupied: trial + 1 },
          trialTimeoutMs,
        );
      } catch (error) {
        problems.push(`trial ${trial}: ${error instanceof Error ? error.message : String(error)}`);
        break;
      }
    }
    if (pinger.failedSweepPings > 0)
      problems.push(`${pinger.failedSweepPings} heartbeat pings were refused or failed`);
    const watchRestarts = roomPods.restarts + podBaseline.watchRestarts;
    const stages = await stageBreakdown(database.url, done).catch((error: unknown) => {
      progress(`no stage breakdown: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    return outcome(trials, done, problems, watchRestarts, stages);
  } finally {
    await pinger?.stop();
    roomPods.stop();
    await podBaseline.stop();
    await kafkaBaseline.stop();
    await Promise.all(services.map((service) => service.stop()));
    await kubernetes.core.deleteNamespace({ name: schedulerName }).catch(() => undefined);
    await database?.drop();
    await connection.close();
    await runTopics?.delete();
  }
}

function outcome(
  trials: number,
  done: readonly Trial[],
  problems: readonly string[],
  watchRestarts: number,
  stages: StageBreakdown | undefined,
) {
  const kafka = summarise(done.map((trial) => trial.kafkaMs));
  const podCreate = summarise(done.map((trial) => trial.podCreateMs));
  // Per trial, the two baselines back to back: the least a scale-up could cost on this machine then.
  const floor = summarise(done.map((trial) => trial.kafkaMs + trial.podCreateMs));
  const system = summarise(done.map((trial) => trial.ms));
  const summary = {
    p50Ratio: ratio(system.p50, floor.p50),
    p99Ratio: ratio(system.p99, floor.p99),
    overFloorP50Ms: system.p50 - floor.p50,
    targetP99Ms,
    meetsTarget: system.p99 < targetP99Ms,
  };
  const rows: string[][] = [
    ['A1: Kafka produce → consume', ...latencyCells(kafka)],
    ['A2: create pod → watch ADDED', ...latencyCells(podCreate)],
    ['A: A1 + A2, same trial (floor)', ...latencyCells(floor)],
    ['B: occupied ping 2xx → new pod ADDED', ...latencyCells(system)],
    ['**B / A**', formatRatio(summary.p50Ratio), '', formatRatio(summary.p99Ratio), ''],
  ];
  const markdown = [
    `**scale-up**: ${done.length} of ${trials} trials, one at a time, each interleaved with one of each baseline.`,
    '',
    markdownTable(
      ['path', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
      ['left', 'right', 'right', 'right', 'right'],
      rows,
    ),
    '',
    `A room turned occupied has its replacement's pod in the Kubernetes API ${formatMilliseconds(system.p50)} ms ` +
      `after the ping's 2xx at the median and ${formatMilliseconds(system.p99)} ms at p99 ` +
      `(target: p99 under ${targetP99Ms.toLocaleString('en-US')} ms; Maestro reacts on its 60 s health-controller loop, Agones' autoscaler every 30 s by default).`,
    ...(stages ? ['', stageSentence(stages)] : []),
  ].join('\n');
  return {
    settings: { trials, warmupTrials, heartbeatMs, autoscaling: 'fixedBuffer amount 1, cooldown 3600 s' },
    results: { baseline: { kafka, podCreate, floor }, system, summary, stages, watchRestarts, trials: done },
    problems,
    markdown,
  };
}

function stageSentence(stages: StageBreakdown): string {
  const median = (latencies: Latencies): string => formatMilliseconds(latencies.p50);
  return (
    `Medians by stage, from the worker's event log (ms resolution): ping 2xx → RoomStatusChanged appended ` +
    `${median(stages.pingToStatusChange)} ms, → RoomCreated appended ${median(stages.statusChangeToRoomCreated)} ms, ` +
    `→ pod ADDED ${median(stages.roomCreatedToPodAdded)} ms.`
  );
}
