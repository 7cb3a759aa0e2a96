import {
  type Admin,
  Kafka,
  type KafkaConfig,
  logLevel,
  type LogEntry,
  Partitioners,
  type Producer,
} from 'kafkajs';
import { KafkaTopicNames } from './kafka-topic-names';

export interface KafkaConnectionOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /**
   * Prepended to every topic and consumer group this connection's adapters use (default: none), so
   * installations sharing a cluster do not see each other's messages.
   */
  readonly topicPrefix?: string;
  /** Receives kafkajs' own log lines (warnings and errors only). */
  readonly log?: (level: 'error' | 'warn', message: string, fields: Record<string, unknown>) => void;
}

/**
 * One kafkajs client per service, with a lazily connected admin and an idempotent producer
 * (`acks: -1`, so a write is acknowledged only once every in-sync replica has it). `kafka`, the admin
 * and the producer speak physical names; the adapters built on the connection map logical names
 * through `names`.
 */
export class KafkaConnection {
  readonly kafka: Kafka;
  /** This installation's topic and group names on the cluster. */
  readonly names: KafkaTopicNames;
  private admin?: Promise<Admin>;
  private producer?: Promise<Producer>;

  constructor(private readonly options: KafkaConnectionOptions) {
    this.names = new KafkaTopicNames(options.topicPrefix);
    const config: KafkaConfig = {
      clientId: options.clientId,
      brokers: [...options.brokers],
      connectionTimeout: 3_000,
      requestTimeout: 30_000,
      retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 5_000 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => {
        this.forwardLog(entry);
      },
    };
    this.kafka = new Kafka(config);
  }

  /** The shared admin client, connected on first use. */
  connectedAdmin(): Promise<Admin> {
    this.admin ??= connectOrForget(this.kafka.admin(), () => (this.admin = undefined));
    return this.admin;
  }

  /** The shared idempotent producer, connected on first use. */
  connectedProducer(): Promise<Producer> {
    this.producer ??= connectOrForget(
      this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 5,
        allowAutoTopicCreation: false,
        // Java-compatible murmur2, named explicitly: partitionForKey and every Kafka client agree on it.
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
      () => (this.producer = undefined),
    );
    return this.producer;
  }

  async close(): Promise<void> {
    const clients = await Promise.allSettled([this.admin, this.producer]);
    this.admin = undefined;
    this.producer = undefined;
    await Promise.allSettled(
      clients.map(async (client) => {
        if (client.status === 'fulfilled' && client.value) await client.value.disconnect();
      }),
    );
  }

  private forwardLog(entry: LogEntry): void {
    if (!this.options.log) return;
    const { message, ...fields } = entry.log;
    const level = entry.level === logLevel.ERROR || entry.level === logLevel.NOTHING ? 'error' : 'warn';
    this.options.log(level, `kafkajs ${entry.namespace}: ${message}`, fields);
  }
}

async function connectOrForget<T extends { connect(): Promise<void> }>(
  client: T,
  forget: () => void,
): Promise<T> {
  try {
    await client.connect();
    return client;
  } catch (error) {
    forget();
    throw error;
  }
}
