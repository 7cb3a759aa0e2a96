import { MessagePublisher, MessageSubscriber } from '@maestro/application';
import { type DynamicModule, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  InMemoryMessageBus,
  type InMemoryMessageBusOptions,
} from './in-memory/in-memory-message-bus.adapter';
import { InMemoryTopicProvisioner } from './in-memory/in-memory-topic-provisioner';
import { KafkaConnection } from './kafka/kafka-connection';
import { KafkaMessagePublisher } from './kafka/kafka-message-publisher.adapter';
import {
  KafkaMessageSubscriber,
  type KafkaSubscriberOptions,
} from './kafka/kafka-message-subscriber.adapter';
import { KafkaTopicProvisioner } from './kafka/kafka-topic-provisioner';
import { type MessagingLog } from './messaging-log';
import { TopicProvisioner } from './topology/topic-provisioner';

export interface MessagingOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Prepended to the Kafka name of every topic and consumer group (KAFKA_TOPIC_PREFIX; default none). */
  readonly topicPrefix?: string;
  /** Tuning of the Kafka consumers (retries, concurrency, session timeout). */
  readonly subscriber?: Omit<KafkaSubscriberOptions, 'log'>;
}

export type InMemoryMessagingOptions = Omit<InMemoryMessageBusOptions, 'log'> & {
  /**
   * A bus shared with other applications of the same process (the embedded mode runs the three
   * services in one process, on one bus). Its owner closes it: the module leaves it open.
   */
  readonly bus?: InMemoryMessageBus;
};

@Injectable()
class KafkaShutdown implements OnApplicationShutdown {
  constructor(
    private readonly connection: KafkaConnection,
    private readonly subscriber: KafkaMessageSubscriber,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    // Consumers first: each finishes its batch and commits through the connection closed next.
    await this.subscriber.close();
    await this.connection.close();
  }
}

@Injectable()
class InMemoryBusShutdown implements OnApplicationShutdown {
  constructor(private readonly bus: InMemoryMessageBus) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}

function nestLog(logger: Logger): MessagingLog {
  return (level, message, fields) => {
    const entry = { msg: message, ...fields };
    switch (level) {
      case 'error':
        logger.error(entry);
        return;
      case 'warn':
        logger.warn(entry);
        return;
      case 'info':
        logger.log(entry);
        return;
      case 'debug':
        logger.debug(entry);
        return;
    }
  };
}

/**
 * Provides the message bus ports. `forRoot` binds them to Kafka through the service's connection
 * (clients connect lazily, so startup never waits for Kafka); `forInMemory` binds them to an in-process
 * bus, for the embedded mode and for app-level tests. Both provide the `TopicProvisioner` of their bus.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const kafkaLogger = new Logger('Kafka');
    const log = nestLog(new Logger('Messaging'));
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: KafkaConnection,
          useFactory: () =>
            new KafkaConnection({
              brokers: options.brokers,
              clientId: options.clientId,
              topicPrefix: options.topicPrefix,
              log: (level, message, fields) => {
                kafkaLogger[level]({ msg: message, ...fields });
              },
            }),
        },
        {
          provide: KafkaMessagePublisher,
          useFactory: (connection: KafkaConnection) => new KafkaMessagePublisher(connection),
          inject: [KafkaConnection],
        },
        {
          provide: KafkaMessageSubscriber,
          useFactory: (connection: KafkaConnection) =>
            new KafkaMessageSubscriber(connection, { ...options.subscriber, log }),
          inject: [KafkaConnection],
        },
        {
          provide: TopicProvisioner,
          useFactory: (connection: KafkaConnection) => new KafkaTopicProvisioner(connection),
          inject: [KafkaConnection],
        },
        { provide: MessagePublisher, useExisting: KafkaMessagePublisher },
        { provide: MessageSubscriber, useExisting: KafkaMessageSubscriber },
        KafkaShutdown,
      ],
      exports: [
        KafkaConnection,
        KafkaMessagePublisher,
        KafkaMessageSubscriber,
        MessagePublisher,
        MessageSubscriber,
        TopicProvisioner,
      ],
    };
  }

  static forInMemory(options: InMemoryMessagingOptions = {}): DynamicModule {
    const { bus: sharedBus, ...busOptions } = options;
    const log = nestLog(new Logger('Messaging'));
    return {
      module: MessagingModule,
      global: true,
      providers: [
        sharedBus
          ? { provide: InMemoryMessageBus, useValue: sharedBus }
          : { provide: InMemoryMessageBus, useFactory: () => new InMemoryMessageBus({ ...busOptions, log }) },
        { provide: MessagePublisher, useExisting: InMemoryMessageBus },
        { provide: MessageSubscriber, useExisting: InMemoryMessageBus },
        { provide: TopicProvisioner, useClass: InMemoryTopicProvisioner },
        ...(sharedBus ? [] : [InMemoryBusShutdown]),
      ],
      exports: [InMemoryMessageBus, MessagePublisher, MessageSubscriber, TopicProvisioner],
    };
  }
}
