import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventForwarder, MessageSubscriber } from '@maestro/application';
import { PostgresEventStore } from '@maestro/event-store';
import { EventForwardingMetrics, GrpcEventForwarder } from '@maestro/event-forwarding';
import { ContextLogger, MetricsRegistry } from '@maestro/observability';
import { DataSource } from 'typeorm';
import { ForwardingDirectory } from './forwarding-directory';
import { RoomForwardingConsumer } from './room-forwarding.consumer';

export interface ForwardingSettings {
  /** Consumer group of the forwarding consumer, e.g. `worker-forwarding`. */
  readonly consumerGroup: string;
  /** How long a scheduler's forwarders are reused before being read again (default 120 s). */
  readonly schedulerCacheTtlMs?: number;
}

/** Starts the forwarding consumer with the app and stops it (and the gRPC channels) with it. */
@Injectable()
class ForwardingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(RoomForwardingConsumer) private readonly consumer: RoomForwardingConsumer) {}

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}

/**
 * Event forwarding on the worker side: a consumer of its own that tells the schedulers' gRPC
 * forwarders about pings (resync) and deleted rooms (terminated). It reads schedulers and rooms
 * from the event store, through its own read-only store instance.
 */
@Module({})
export class ForwardingModule {
  static forRoot(settings: ForwardingSettings): DynamicModule {
    return {
      module: ForwardingModule,
      providers: [
        { provide: EventForwarder, useFactory: () => new GrpcEventForwarder() },
        {
          provide: ForwardingDirectory,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new ForwardingDirectory(new PostgresEventStore(dataSource), {
              schedulerTtlMs: settings.schedulerCacheTtlMs ?? 120_000,
              now: () => Date.now(),
            }),
        },
        {
          provide: RoomForwardingConsumer,
          inject: [MessageSubscriber, ForwardingDirectory, EventForwarder, MetricsRegistry],
          useFactory: (
            subscriber: MessageSubscriber,
            directory: ForwardingDirectory,
            forwarder: EventForwarder,
            registry: MetricsRegistry,
          ) =>
            new RoomForwardingConsumer(
              subscriber,
              directory,
              forwarder,
              new EventForwardingMetrics(registry),
              new ContextLogger('Forwarding'),
              { groupId: settings.consumerGroup },
            ),
        },
        ForwardingLifecycle,
      ],
      // For the worker's ForwardingReadinessCheck, which the observability module builds.
      exports: [RoomForwardingConsumer],
    };
  }
}
