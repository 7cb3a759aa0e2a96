import { type DynamicModule, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { KafkaConnection } from './kafka/kafka-connection';

export interface MessagingOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
}

@Injectable()
class KafkaShutdown implements OnApplicationShutdown {
  constructor(private readonly connection: KafkaConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** Provides the service's Kafka connection; clients connect lazily, so startup never waits for Kafka. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const logger = new Logger('Kafka');
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: KafkaConnection,
          useFactory: () =>
            new KafkaConnection({
              ...options,
              log: (level, message, fields) => {
                logger[level]({ msg: message, ...fields });
              },
            }),
        },
        KafkaShutdown,
      ],
      exports: [KafkaConnection],
    };
  }
}
