import {
  type Admin,
  Kafka,
  type KafkaConfig,
  logLevel,
  type LogEntry,
  Partitioners,
  type Producer,
} from 'kafkajs';

export interface KafkaConnectionOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Receives kafkajs' own log lines (warnings and errors only). */
  readonly log?: (level: 'error' | 'warn', message: string, fields: Record<string, unknown>) => void;
}

/**
 * One kafkajs client per service, with a lazily connected admin and an idempotent producer
 * (`acks: -1`, so a write is acknowledged only once every in-sync replica has it).
 */
export class KafkaConnection {
  readonly kafka: Kafka;
  private admin?: Promise<Admin>;
  private producer?: Promise<Producer>;

  constructor(private readonly options: KafkaConnectionOptions) {
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
