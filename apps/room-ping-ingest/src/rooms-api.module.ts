import {
  Clock,
  KnownRooms,
  MessagePublisher,
  MessageSubscriber,
  Randomness,
  RecordRoomPingHandler,
  SystemClock,
  SystemRandomness,
} from '@maestro/application';
import { allTopics } from '@maestro/contracts';
import { KafkaConnection } from '@maestro/messaging';
import { ContextLogger, MetricsRegistry } from '@maestro/observability';
import { type DynamicModule, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { type RoomPingIngestConfig } from './config/room-ping-ingest.config';
import { RoomEventsConsumer } from './known-rooms/room-events.consumer';
import { CoalescingPublisher } from './rooms/coalescing.publisher';
import { RoomPingRegistration } from './rooms/room-ping.registration';
import { RoomPingMetrics } from './rooms/room-ping.metrics';
import { KafkaTopicsSetup } from './topics/kafka-topics.setup';

/** `ce_source` of everything this service publishes. */
export const eventSource = 'maestro/room-ping-ingest';

/**
 * The rooms API: the ping route, the known-rooms view it checks rooms against (fed from
 * `room-events`), and the topics they need. Message publisher and subscriber come from the
 * messaging module.
 */
@Module({})
export class RoomsApiModule {
  static forRoot(config: RoomPingIngestConfig): DynamicModule {
    return {
      module: RoomsApiModule,
      providers: [
        { provide: KnownRooms, useValue: new KnownRooms() },
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
          provide: KafkaTopicsSetup,
          inject: [KafkaConnection],
          useFactory: (connection: KafkaConnection) =>
            new KafkaTopicsSetup(
              connection,
              {
                topics: allTopics,
                partitions: config.KAFKA_TOPIC_PARTITIONS,
                replicationFactor: config.KAFKA_REPLICATION_FACTOR,
              },
              new ContextLogger('KafkaTopics'),
            ),
        },
        {
          provide: RoomEventsConsumer,
          inject: [KnownRooms, MessageSubscriber, KafkaTopicsSetup, KafkaConnection],
          useFactory: (
            knownRooms: KnownRooms,
            subscriber: MessageSubscriber,
            topicsSetup: KafkaTopicsSetup,
            connection: KafkaConnection,
          ) =>
            new RoomEventsConsumer(
              knownRooms,
              subscriber,
              {
                groupId: `room-ping-ingest-${randomUUID()}`,
                topicsReady: () => topicsSetup.whenEnsured(),
                forgetGroup: async (groupId) => {
                  await (await connection.connectedAdmin()).deleteGroups([groupId]);
                },
              },
              new ContextLogger('KnownRooms'),
            ),
        },
      ],
      // For the readiness checks, which the observability module instantiates.
      exports: [KafkaTopicsSetup, RoomEventsConsumer],
    };
  }
}
