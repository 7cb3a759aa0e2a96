import {
  AppLogger,
  Clock,
  EventForwarder,
  KnownRooms,
  MessagePublisher,
  MessageSubscriber,
  Randomness,
  RecordRoomPingHandler,
  SystemClock,
  SystemRandomness,
} from '@maestro/application';
import { allTopics } from '@maestro/contracts';
import { EventForwardingMetrics, GrpcEventForwarder } from '@maestro/event-forwarding';
import { TopicProvisioner } from '@maestro/messaging';
import { ContextLogger, MetricsRegistry } from '@maestro/observability';
import { type DynamicModule, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { AllocationModule } from './allocation/allocation.module';
import { type RoomPingIngestConfig } from './config/room-ping-ingest.config';
import { KnownSchedulers } from './known-rooms/known-schedulers.view';
import { RoomDirectory } from './known-rooms/room-directory.view';
import { RoomEventsConsumer } from './known-rooms/room-events.consumer';
import { ForwardPlayerEventHandler } from './room-events/forward-player-event.handler';
import { ForwardRoomEventHandler } from './room-events/forward-room-event.handler';
import { ForwardRoomStatusHandler } from './room-events/forward-room-status.handler';
import { RoomAddressQuery } from './room-events/room-address.query';
import { RoomEventsRegistration } from './room-events/room-events.registration';
import { type RoomForwardingDependencies } from './room-events/room-forwarding';
import { CoalescingPublisher } from './rooms/coalescing.publisher';
import { RoomPingRegistration } from './rooms/room-ping.registration';
import { RoomPingMetrics } from './rooms/room-ping.metrics';
import { TopicsSetup } from './topics/topics.setup';

/** `ce_source` of everything this service publishes. */
export const eventSource = 'maestro/room-ping-ingest';

/**
 * The rooms API: the ping route, the known-rooms view it checks rooms against (fed from
 * `room-events`), and the topics they need. Message publisher and subscriber come from the
 * messaging module.
 */
@Module({})
export class RoomsApiModule {
  static forRoot(config: RoomPingIngestConfig, persistence?: DynamicModule): DynamicModule {
    return {
      module: RoomsApiModule,
      imports: [AllocationModule.forRoot(config, persistence)],
      providers: [
        { provide: KnownRooms, useValue: new KnownRooms() },
        { provide: KnownSchedulers, useValue: new KnownSchedulers() },
        { provide: RoomDirectory, useValue: new RoomDirectory() },
        { provide: EventForwarder, useFactory: () => new GrpcEventForwarder() },
        {
          provide: RoomEventsRegistration,
          inject: [HttpAdapterHost, KnownSchedulers, RoomDirectory, EventForwarder, MetricsRegistry],
          useFactory: (
            adapterHost: HttpAdapterHost,
            schedulers: KnownSchedulers,
            rooms: RoomDirectory,
            forwarder: EventForwarder,
            registry: MetricsRegistry,
          ) => {
            const logger: AppLogger = new ContextLogger('RoomEvents');
            const dependencies: RoomForwardingDependencies = {
              schedulers,
              rooms,
              forwarder,
              metrics: new EventForwardingMetrics(registry),
              logger,
            };
            return new RoomEventsRegistration(adapterHost, {
              roomEvents: new ForwardRoomEventHandler(dependencies),
              playerEvents: new ForwardPlayerEventHandler(dependencies),
              statuses: new ForwardRoomStatusHandler(dependencies),
              addresses: new RoomAddressQuery(rooms),
              logger,
            });
          },
        },
        { provide: Clock, useClass: SystemClock },
        { provide: Randomness, useClass: SystemRandomness },
        {
          provide: RecordRoomPingHandler,
          inject: [KnownRooms, MessagePublisher, Clock, Randomness],
          useFactory: (
            knownRooms: KnownRooms,
            publisher: MessagePublisher,
            clock: Clock,
            randomness: Randomness,
          ) =>
            new RecordRoomPingHandler({
              knownRooms,
              // One Kafka send per ping would cap throughput at kafkajs' 5 requests in flight.
              publisher: new CoalescingPublisher(publisher),
              clock,
              randomness,
              source: eventSource,
            }),
        },
        {
          provide: RoomPingMetrics,
          inject: [MetricsRegistry],
          useFactory: (registry: MetricsRegistry) => new RoomPingMetrics(registry),
        },
        {
          provide: RoomPingRegistration,
          inject: [HttpAdapterHost, RecordRoomPingHandler, RoomPingMetrics],
          useFactory: (
            adapterHost: HttpAdapterHost,
            handler: RecordRoomPingHandler,
            metrics: RoomPingMetrics,
          ) =>
            new RoomPingRegistration(adapterHost, {
              handler,
              metrics,
              logger: new ContextLogger('RoomPing'),
            }),
        },
        {
          provide: TopicsSetup,
          inject: [TopicProvisioner],
          useFactory: (provisioner: TopicProvisioner) =>
            new TopicsSetup(
              provisioner,
              {
                topics: allTopics,
                partitions: config.KAFKA_TOPIC_PARTITIONS,
                replicationFactor: config.KAFKA_REPLICATION_FACTOR,
              },
              new ContextLogger('Topics'),
            ),
        },
        {
          provide: RoomEventsConsumer,
          inject: [
            KnownRooms,
            KnownSchedulers,
            RoomDirectory,
            MessageSubscriber,
            TopicsSetup,
            TopicProvisioner,
          ],
          useFactory: (
            knownRooms: KnownRooms,
            knownSchedulers: KnownSchedulers,
            roomDirectory: RoomDirectory,
            subscriber: MessageSubscriber,
            topicsSetup: TopicsSetup,
            provisioner: TopicProvisioner,
          ) =>
            new RoomEventsConsumer(
              knownRooms,
              subscriber,
              {
                groupId: `room-ping-ingest-${randomUUID()}`,
                topicsReady: () => topicsSetup.whenEnsured(),
                forgetGroup: async (groupId) => {
                  await provisioner.deleteGroup(groupId);
                },
              },
              new ContextLogger('KnownRooms'),
              [roomDirectory, knownSchedulers],
            ),
        },
      ],
      // For the readiness checks, which the observability module instantiates.
      exports: [TopicsSetup, RoomEventsConsumer],
    };
  }
}
