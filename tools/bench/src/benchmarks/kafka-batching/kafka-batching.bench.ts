import { MessagePublisher, type OutgoingMessage } from '@maestro/application';
import { KafkaConnection, KafkaMessagePublisher, ensureTopics } from '@maestro/messaging';
import { repoRoot, testEnvironment } from '@maestro/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  type Benchmark,
  type BenchmarkOutcome,
  type Progress,
  type RunSettings,
} from '../../harness/benchmark';
import { formatMilliseconds, formatNumber, formatRatio, markdownTable } from '../../harness/markdown';
import { LatencyRecorder, median, ratio, round } from '../../harness/stats';

/** room-ping-ingest's CoalescingPublisher, loaded from the app's build output. */
interface CoalescingPublisherModule {
  CoalescingPublisher: new (
    inner: MessagePublisher,
    options?: { maxConcurrentSends?: number; maxMessagesPerSend?: number },
  ) => MessagePublisher;
}

interface Strategy {
  readonly label: string;
  readonly maxConcurrentSends: number;
  readonly maxMessagesPerSend: number;
}

type StrategyKey = 'A' | 'B' | 'C';

const strategies: Record<StrategyKey, Strategy> = {
  A: { label: '5 sends in flight, ≤ 250 each (before)', maxConcurrentSends: 5, maxMessagesPerSend: 250 },
  B: { label: '1 send in flight, ≤ 500', maxConcurrentSends: 1, maxMessagesPerSend: 500 },
  C: { label: '2 sends in flight, ≤ 500', maxConcurrentSends: 2, maxMessagesPerSend: 500 },
};
const keys: readonly StrategyKey[] = ['A', 'B', 'C'];

interface RoundFigures {
  readonly strategy: StrategyKey;
  readonly round: number;
  readonly callers: number;
  readonly messagesPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number };
  readonly sends: number;
  readonly cpuPercent: number;
}

/**
 * The ping path's Kafka side alone, in this process: `callers` concurrent callers (as HTTP
 * connections would be) each publish one RoomPinged-sized message at a time through
 * room-ping-ingest's CoalescingPublisher and the project's Kafka publisher (idempotent, acks -1),
 * with the publisher's former settings (A) and two alternatives (B, C), in alternating rounds, on a
 * topic of the run's own (deleted afterwards).
 */
export const kafkaBatching: Benchmark = {
  name: 'kafka-batching',
  description:
    'concurrent one-message publishes through CoalescingPublisher on the real Kafka: 5 sends in flight (before) against 1 and 2 (needs pnpm testenv:up)',
  estimateSeconds: (settings) =>
    counts(settings).length * 3 * settings.rounds * settings.durationSeconds + 10,
  run: (settings, progress) => runKafkaBatching(settings, progress),
};

function counts(settings: RunSettings): readonly number[] {
  return settings.connectionCounts ?? [...new Set([settings.connections, 500])];
}

async function runKafkaBatching(settings: RunSettings, progress: Progress): Promise<BenchmarkOutcome> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app's build output, not a package
  const { CoalescingPublisher } = require(
    join(repoRoot(), 'apps', 'room-ping-ingest', 'dist', 'rooms', 'coalescing.publisher.js'),
  ) as CoalescingPublisherModule;
  const connection = new KafkaConnection({
    brokers: testEnvironment().kafkaBrokers,
    clientId: 'bench-kafka-batching',
  });
  const topic = `bench-kafka-batching-${randomBytes(4).toString('hex')}`;
  const admin = await connection.connectedAdmin();
  const rounds: RoundFigures[] = [];
  try {
    await ensureTopics(admin, { topics: [topic], partitions: 6, replicationFactor: 1 });
    const kafka = new KafkaMessagePublisher(connection);
    await kafka.publish([pingMessage(topic, 0)]);
    for (const callers of counts(settings)) {
      for (let roundNumber = 1; roundNumber <= settings.rounds; roundNumber++) {
        for (const key of keys) {
          const strategy = strategies[key];
          const counting = new CountingPublisher(kafka);
          const publisher = new CoalescingPublisher(counting, strategy);
          const figures = await drive(publisher, topic, callers, settings.durationSeconds);
          const result: RoundFigures = {
            strategy: key,
            round: roundNumber,
            callers,
            ...figures,
            sends: counting.sends,
          };
          rounds.push(result);
          progress(
            `${callers} callers, round ${roundNumber}/${settings.rounds}, ${strategy.label}: ` +
              `${Math.round(result.messagesPerSecond).toLocaleString('en-US')} msg/s, p50 ${result.latencyMs.p50} ms, ` +
              `p99 ${result.latencyMs.p99} ms, ${result.sends} sends, CPU ${result.cpuPercent} %`,
          );
        }
      }
    }
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await connection.close();
  }
  const summary = counts(settings).map((callers) => {
    const of = (key: StrategyKey) => {
      const mine = rounds.filter((figures) => figures.callers === callers && figures.strategy === key);
      return {
        messagesPerSecond: median(mine.map((figures) => figures.messagesPerSecond)),
        p50: median(mine.map((figures) => figures.latencyMs.p50)),
        p99: median(mine.map((figures) => figures.latencyMs.p99)),
        messagesPerSend: round(
          mine.reduce((sum, figures) => sum + figures.messagesPerSecond * settings.durationSeconds, 0) /
            Math.max(
              1,
              mine.reduce((sum, figures) => sum + figures.sends, 0),
            ),
          1,
        ),
      };
    };
    const A = of('A');
    const against = (other: ReturnType<typeof of>) => ({
      messagesPerSecond: round(ratio(other.messagesPerSecond, A.messagesPerSecond), 3),
      p50: round(ratio(other.p50, A.p50), 3),
      p99: round(ratio(other.p99, A.p99), 3),
    });
    const B = of('B');
    const C = of('C');
    return { callers, A, B, C, ratio: { B: against(B), C: against(C) } };
  });
  const rows = summary.flatMap(({ callers, A, B, C, ratio: ratios }) => [
    ...(
      [
        ['A', A],
        ['B', B],
        ['C', C],
      ] as const
    ).map(([key, figures]) => [
      `${callers} callers — ${key}: ${strategies[key].label}`,
      formatNumber(figures.messagesPerSecond, 0),
      formatMilliseconds(figures.p50),
      formatMilliseconds(figures.p99),
      formatNumber(figures.messagesPerSend, 1),
    ]),
    ...(['B', 'C'] as const).map((key) => [
      `${callers} callers — **${key} / A**`,
      `**${formatRatio(ratios[key].messagesPerSecond)}**`,
      formatRatio(ratios[key].p50),
      formatRatio(ratios[key].p99),
      '',
    ]),
  ]);
  return {
    settings: {
      topic: 'a topic of the run’s own, 6 partitions, deleted afterwards',
      message: 'RoomPinged with its CloudEvents headers, 10 schedulers as keys',
      strategies,
    },
    results: { rounds, summary },
    problems: [],
    markdown: [
      `concurrent callers each publishing one RoomPinged at a time through CoalescingPublisher → KafkaMessagePublisher (idempotent, acks -1); median of ${settings.rounds} alternating rounds of ${settings.durationSeconds} s.`,
      '',
      markdownTable(
        ['callers — strategy', 'msg/s', 'p50 ms', 'p99 ms', 'msg/send'],
        ['left', 'right', 'right', 'right', 'right'],
        rows,
      ),
    ].join('\n'),
  };
}

/** Counts the sends that reach Kafka, to show how large the batches grew. */
class CountingPublisher extends MessagePublisher {
  sends = 0;

  constructor(private readonly inner: MessagePublisher) {
    super();
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    this.sends++;
    return this.inner.publish(messages);
  }
}

async function drive(
  publisher: MessagePublisher,
  topic: string,
  callers: number,
  seconds: number,
): Promise<{ messagesPerSecond: number; latencyMs: { p50: number; p99: number }; cpuPercent: number }> {
  const latencies = new LatencyRecorder();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  let published = 0;
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      while (performance.now() < until) {
        const sent = performance.now();
        await publisher.publish([pingMessage(topic, caller)]);
        latencies.record(performance.now() - sent);
        published++;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const [p50, p99] = latencies.percentiles([50, 99]);
  return {
    messagesPerSecond: round((published * 1000) / elapsedMs, 1),
    latencyMs: { p50: round(p50 ?? Number.NaN, 2), p99: round(p99 ?? Number.NaN, 2) },
    cpuPercent: round((100 * (cpu.user + cpu.system)) / (elapsedMs * 1000), 1),
  };
}

function pingMessage(topic: string, caller: number): OutgoingMessage {
  const schedulerName = `bench-kafka-${caller % 10}`;
  const at = new Date().toISOString();
  return {
    topic,
    key: schedulerName,
    envelope: {
      id: randomUUID(),
      type: 'RoomPinged',
      schemaVersion: 1,
      source: 'maestro/room-ping-ingest',
      subject: schedulerName,
      time: at,
      data: {
        schedulerName,
        roomId: `room-${caller}`,
        status: 'ready',
        runningMatches: 0,
        metadata: {},
        receivedAt: at,
        roomTimestamp: '1764300000',
      },
    },
  };
}
