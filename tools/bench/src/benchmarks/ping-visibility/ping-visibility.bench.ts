import { KubernetesClient } from '@maestro/k8s-runtime';
import { KafkaConnection, ensureTopics } from '@maestro/messaging';
import {
  type AppProcess,
  createTestDatabase,
  eventually,
  request,
  startApp,
  type TestDatabase,
  testEnvironment,
} from '@maestro/testing';
import { randomBytes } from 'node:crypto';
import { type Benchmark, type Progress } from '../../harness/benchmark';
import { formatMilliseconds, formatRatio, markdownTable } from '../../harness/markdown';
import { RunTopics } from '../../harness/run-topics';
import { ratio } from '../../harness/stats';

interface Latencies {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly samples: readonly number[];
}

interface Counts {
  roomsReady: number;
  roomsOccupied: number;
}

const credentials = 'bench:bench';

/**
 * How soon a ping shows in the management API: from the 2xx of `PUT …/ping` to
 * `GET /schedulers/info` counting the room's new status. The path crosses room-ping-ingest → Kafka
 * → worker → Postgres (event + read model) → management-api. The baseline, measured in the same
 * run on the same broker, is the least that path could cost: one Kafka produce (acks -1) until a
 * consumer in a group receives it.
 */
export const pingVisibility: Benchmark = {
  name: 'ping-visibility',
  description:
    'ping 2xx → GET /schedulers/info reflects it, through Kafka, the worker and Postgres, against a bare Kafka round trip (needs pnpm testenv:up)',
  estimateSeconds: (settings) => 60 + settings.rounds * 20,
  run: async (settings, progress) => {
    const trials = settings.rounds * 20;
    const environment = testEnvironment();
    const baseline = await kafkaRoundTrips(environment.kafkaBrokers, trials, progress);
    const system = await pingToInfo(trials, progress);
    const summary = {
      p50Ratio: ratio(system.p50, baseline.p50),
      p99Ratio: ratio(system.p99, baseline.p99),
    };
    const rows = [
      ['A: Kafka produce → consume (baseline)', ...figures(baseline)],
      ['B: ping 2xx → info reflects it', ...figures(system)],
      ['**B / A**', formatRatio(summary.p50Ratio), '', formatRatio(summary.p99Ratio), ''],
    ];
    const markdown = [
      `**ping-visibility**: ${trials} trials each, one ping at a time, info polled every 10 ms.`,
      '',
      markdownTable(
        ['path', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
        ['left', 'right', 'right', 'right', 'right'],
        rows,
      ),
      '',
      `A ping shows in GET /schedulers/info after ${formatMilliseconds(system.p50)} ms at the median and ${formatMilliseconds(system.p99)} ms at p99 (target: under 2,000 ms).`,
    ].join('\n');
    return {
      settings: { trials, infoPollMs: 10 },
      results: { baseline, system, summary },
      problems: system.p99 > 2_000 ? [`p99 ${system.p99} ms is above the 2 s target`] : [],
      markdown,
    };
  },
};

function figures(latencies: Latencies): string[] {
  return [latencies.p50, latencies.p90, latencies.p99, latencies.max].map(formatMilliseconds);
}

function summarise(samples: readonly number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (quantile: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), samples };
}

async function kafkaRoundTrips(
  brokers: readonly string[],
  trials: number,
  progress: Progress,
): Promise<Latencies> {
  const connection = new KafkaConnection({ brokers, clientId: 'bench-baseline' });
  const topic = `bench-round-trip-${randomBytes(4).toString('hex')}`;
  const admin = await connection.connectedAdmin();
  await ensureTopics(admin, { topics: [topic], partitions: 1, replicationFactor: 1 });
  const consumer = connection.kafka.consumer({ groupId: `${topic}-group`, maxWaitTimeInMs: 100 });
  const arrivals = new Map<string, number>();
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        arrivals.set(message.value?.toString() ?? '', performance.now());
        return Promise.resolve();
      },
    });
    const producer = await connection.connectedProducer();
    const samples: number[] = [];
    progress(`baseline: ${trials} Kafka round trips`);
    for (let trial = 0; trial < trials + 3; trial++) {
      const id = String(trial);
      await producer.send({ topic, acks: -1, messages: [{ key: 'bench', value: id }] });
      const acknowledged = performance.now();
      const arrived = await eventually(
        () => {
          const at = arrivals.get(id);
          if (at === undefined) throw new Error('not yet');
          return at;
        },
        { timeoutMs: 10_000, intervalMs: 1, description: 'round trip' },
      );
      // The first few warm the connections up; from the ack, as the system trial measures from the 2xx.
      if (trial >= 3) samples.push(Math.max(0, arrived - acknowledged));
    }
    return summarise(samples);
  } finally {
    await consumer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await connection.close();
  }
}

async function pingToInfo(trials: number, progress: Progress): Promise<Latencies> {
  const environment = testEnvironment();
  const schedulerName = `bench-${randomBytes(3).toString('hex')}`;
  const authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  const kubernetes = KubernetesClient.fromKubeconfig(environment.kubeconfigPath);
  let database: TestDatabase | undefined;
  let runTopics: RunTopics | undefined;
  const apps: AppProcess[] = [];
  try {
    database = await createTestDatabase('bench');
    runTopics = await RunTopics.create('bench-ping-visibility');
    progress('starting management-api, room-ping-ingest and worker');
    // One at a time, each kept for the clean-up as soon as it runs, so a failed start leaves nothing.
    // (At LOG_LEVEL info: startApp waits for the "listening" log line.)
    const start = async (...args: Parameters<typeof startApp>): Promise<AppProcess> => {
      const app = await startApp(...args);
      apps.push(app);
      return app;
    };
    const managementApi = await start('management-api', {
      DATABASE_URL: database.url,
      MANAGEMENT_API_USERS: credentials,
    });
    const roomsApi = await start('room-ping-ingest', runTopics.serviceEnv);
    await start('worker', {
      DATABASE_URL: database.url,
      ...runTopics.serviceEnv,
      KUBECONFIG: environment.kubeconfigPath,
    });
    const created = await request('POST', `${managementApi.url}/schedulers`, {
      headers: { authorization },
      body: schedulerBody(schedulerName),
    });
    if (created.status !== 200)
      throw new Error(`creating the scheduler failed: ${created.status} ${created.text}`);
    progress('waiting for the rooms');
    const rooms = await eventually(
      async () => {
        const pods = await kubernetes.core.listNamespacedPod({ namespace: schedulerName });
        const running = pods.items.filter((pod) => pod.status?.phase === 'Running');
        if (running.length < 2) throw new Error(`${running.length} rooms running`);
        return running.map((pod) => pod.metadata?.name ?? '');
      },
      { timeoutMs: 90_000, intervalMs: 500, description: 'rooms running' },
    );
    const info = async (): Promise<Counts> => {
      const response = await request<{ schedulers: Counts[] }>(
        'GET',
        `${managementApi.url}/schedulers/info?game=bench`,
        {
          headers: { authorization },
        },
      );
      const [counts] = response.body.schedulers;
      if (!counts) throw new Error('scheduler not in info');
      return counts;
    };
    const ping = async (room: string, status: string): Promise<void> => {
      await eventually(
        async () => {
          const response = await request<{ success: boolean }>(
            'PUT',
            `${roomsApi.url}/scheduler/${schedulerName}/rooms/${room}/ping`,
            { body: { status, timestamp: Date.now() } },
          );
          if (!response.body.success) throw new Error(`ping refused: ${response.text}`);
        },
        { timeoutMs: 30_000, intervalMs: 100, description: 'ping accepted' },
      );
    };
    const room = rooms[0] ?? '';
    for (const other of rooms) await ping(other, 'ready');
    await eventually(
      async () => {
        if ((await info()).roomsReady !== rooms.length) throw new Error('rooms not ready yet');
      },
      { timeoutMs: 30_000, intervalMs: 50, description: 'all rooms ready' },
    );
    progress(`measuring ${trials} pings, one at a time`);
    const samples: number[] = [];
    for (let trial = 0; trial < trials; trial++) {
      const occupied = trial % 2 === 0;
      await ping(room, occupied ? 'occupied' : 'ready');
      const acknowledged = performance.now();
      await eventually(
        async () => {
          if ((await info()).roomsOccupied !== (occupied ? 1 : 0)) throw new Error('not reflected yet');
        },
        { timeoutMs: 10_000, intervalMs: 10, description: 'ping reflected in info' },
      );
      samples.push(performance.now() - acknowledged);
    }
    return summarise(samples);
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await kubernetes.core.deleteNamespace({ name: schedulerName }).catch(() => undefined);
    await database?.drop();
    await runTopics?.delete();
  }
}

function schedulerBody(name: string): Record<string, unknown> {
  return {
    name,
    game: 'bench',
    roomsReplicas: 2,
    portRange: { start: 30_000, end: 31_000 },
    maxSurge: '10%',
    spec: {
      terminationGracePeriod: '10s',
      containers: [
        {
          name: 'game',
          image: 'bench:1',
          imagePullPolicy: 'IfNotPresent',
          command: ['./run'],
          environment: [],
          requests: { memory: '10Mi', cpu: '10m' },
          limits: { memory: '20Mi', cpu: '20m' },
          ports: [{ name: 'game', protocol: 'udp', port: 7777 }],
        },
      ],
    },
    forwarders: [],
  };
}
