import { Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@maestro/observability';
import { KafkaConnection } from './kafka-connection';

/** Ready when the Kafka cluster answers a metadata request. */
@Injectable()
export class KafkaReadinessCheck extends ReadinessCheck {
  readonly name = 'kafka';

  constructor(private readonly connection: KafkaConnection) {
    super();
  }

  async check(): Promise<void> {
    const admin = await this.connection.connectedAdmin();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('no broker in cluster metadata');
  }
}
