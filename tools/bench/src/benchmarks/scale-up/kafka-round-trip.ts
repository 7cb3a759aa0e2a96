import { ensureTopics, type KafkaConnection } from '@maestro/messaging';
import { eventually } from '@maestro/testing';
import { type Admin, type Consumer, type Producer } from 'kafkajs';
import { randomBytes } from 'node:crypto';

/**
 * The least the ping's way into the worker can cost: one produce (acks -1, as room-ping-ingest
 * publishes) until a consumer in a group has it, on a topic of its own on the same broker. One
 * message at a time, so trials can be interleaved with the system's.
 */
export class KafkaRoundTrip {
  private readonly topic = `bench-scale-up-${randomBytes(4).toString('hex')}`;
  private readonly arrivals = new Map<string, number>();
  private admin: Admin | undefined;
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;
  private sent = 0;

  constructor(private readonly connection: KafkaConnection) {}

  async start(): Promise<void> {
    this.admin = await this.connection.connectedAdmin();
    await ensureTopics(this.admin, { topics: [this.topic], partitions: 1, replicationFactor: 1 });
    this.consumer = this.connection.kafka.consumer({ groupId: `${this.topic}-group`, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: ({ message }) => {
        this.arrivals.set(message.value?.toString() ?? '', performance.now());
        return Promise.resolve();
      },
    });
    this.producer = await this.connection.connectedProducer();
  }

  /** Milliseconds from the produce's acknowledgement to the consumer receiving the message. */
  async once(): Promise<number> {
    if (!this.producer) throw new Error('the Kafka round trip was not started');
    const id = String(this.sent++);
    await this.producer.send({ topic: this.topic, acks: -1, messages: [{ key: 'bench', value: id }] });
    const acknowledged = performance.now();
    const arrived = await eventually(
      () => {
        const at = this.arrivals.get(id);
        if (at === undefined) throw new Error('not yet');
        return at;
      },
      { timeoutMs: 10_000, intervalMs: 1, description: 'Kafka round trip' },
    );
    // The consumer may run ahead of the acknowledgement's callback: that is no time at all.
    return Math.max(0, arrived - acknowledged);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.admin?.deleteTopics({ topics: [this.topic] }).catch(() => undefined);
  }
}
