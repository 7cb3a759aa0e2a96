import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  FleetController,
  GameRoomRuntime,
  type IncomingMessage,
  type InstanceWatch,
  MessageSubscriber,
  OperationRunner,
  type RoomPing,
  type Subscription,
  toOperationEvent,
} from '@maestro/application';
import { allTopics, roomAllocatedV1, roomPingedV1, topics } from '@maestro/contracts';
import { OperationsReadModelQueries } from '@maestro/persistence';
import { OutboxRelay } from '@maestro/event-store';
import { TopicProvisioner } from '@maestro/messaging';
import { DatabaseConnector } from '@maestro/persistence';
import { RoomsRepository } from '../rooms/rooms.repository';
import { SchedulerStateLoader } from '../schedulers/scheduler-state.loader';
import { WORKER_SETTINGS, type WorkerSettings } from './worker-settings';

/**
 * Brings the worker up in an order that makes a restart at any moment safe: restore schedulers
 * (event store) and rooms (read model), adopt what the runtime already runs, then watch the runtime
 * and consume events; a periodic tick reconciles everything as a safety net.
 */
@Injectable()
export class WorkerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private state: 'starting' | 'running' | 'stopping' = 'starting';
  private startup?: Promise<void>;
  private watch?: InstanceWatch;
  private subscription?: Subscription;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly pendingLastPings = new Map<
    string,
    { schedulerName: string; roomId: string; at: string }
  >();

  constructor(
    private readonly database: DatabaseConnector,
    private readonly fleet: FleetController,
    private readonly rooms: RoomsRepository,
    private readonly schedulers: SchedulerStateLoader,
    private readonly runtime: GameRoomRuntime,
    private readonly subscriber: MessageSubscriber,
    private readonly topicProvisioner: TopicProvisioner,
    private readonly relay: OutboxRelay,
    private readonly operations: OperationRunner,
    private readonly openOperations: OperationsReadModelQueries,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
  ) {}

  get running(): boolean {
    return this.state === 'running';
  }

  onApplicationBootstrap(): void {
    this.startup = this.startWithRetry();
  }

  async onApplicationShutdown(): Promise<void> {
    this.state = 'stopping';
    for (const timer of this.timers) clearInterval(timer);
    await this.startup;
    await this.subscription?.stop();
    await this.operations.stop();
    await this.watch?.stop();
    await this.fleet.drain();
    this.fleet.close();
    await this.relay.stop();
    await this.flushLastPings();
  }

  private async startWithRetry(): Promise<void> {
    for (let attempt = 1; this.state === 'starting'; attempt++) {
      try {
        await this.start();
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn({ msg: 'worker start-up failed, retrying', attempt, reason });
        await this.subscription?.stop().catch(() => undefined);
        await this.watch?.stop().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 5_000)));
      }
    }
  }

  private async start(): Promise<void> {
    await this.database.whenReady();
    await this.topicProvisioner.ensureTopics({
      topics: allTopics,
      partitions: this.settings.topicPartitions,
      replicationFactor: this.settings.replicationFactor,
    });
    this.relay.start();
    const schedulers = await this.schedulers.loadAll();
    const rooms = await this.rooms.loadAll();
    this.fleet.restore(schedulers, rooms);
    await this.fleet.adopt(await this.runtime.listInstances());
    this.logger.log({ msg: 'state restored', schedulers: schedulers.length, rooms: rooms.length });
    if (this.state !== 'starting') return;

    this.watch = await this.runtime.watch((event) => {
      void this.fleet.recordInstanceEvent(event);
    });
    // From the first offset a new group sees: a ping or an allocation published while the worker
    // starts must not be skipped (a group that started at the end could join after them).
    this.subscription = await this.subscriber.subscribe({
      groupId: this.settings.consumerGroup,
      topics: [topics.schedulerEvents, topics.roomPings, topics.roomEvents],
      fromBeginning: true,
      handleBatch: (messages) => this.handleBatch(messages),
    });
    this.timers.push(
      setInterval(() => {
        void this.fleet.reconcileAll();
      }, this.settings.reconcileIntervalMs),
      setInterval(() => {
        void this.flushLastPings();
      }, this.settings.lastPingFlushIntervalMs),
    );
    this.state = 'running';
    const withOperations = new Set([
      ...schedulers.map((scheduler) => scheduler.name),
      ...(await this.openOperations.schedulersWithOpenOperations()),
    ]);
    for (const name of withOperations) await this.operations.recover(name);
    await this.fleet.reconcileAll();
    this.logger.log('worker running');
  }

  private async handleBatch(messages: readonly IncomingMessage[]): Promise<void> {
    const work: Promise<void>[] = [];
    const schedulerNames = new Set<string>();
    // A scheduler's pings of the batch are folded in together: one turn of its queue, one append.
    const pingsByScheduler = new Map<string, RoomPing[]>();
    for (const message of messages) {
      const { envelope } = message;
      if (message.topic === topics.roomPings && envelope.type === roomPingedV1.type) {
        const parsed = roomPingedV1.schema.safeParse(envelope.data);
        if (!parsed.success) continue;
        const ping = parsed.data;
        this.pendingLastPings.set(`${ping.schedulerName}/${ping.roomId}`, {
          schedulerName: ping.schedulerName,
          roomId: ping.roomId,
          at: ping.receivedAt,
        });
        const pings = pingsByScheduler.get(ping.schedulerName);
        if (pings) pings.push(ping);
        else pingsByScheduler.set(ping.schedulerName, [ping]);
        continue;
      }
      if (message.topic === topics.roomEvents) {
        if (envelope.type !== roomAllocatedV1.type) continue;
        const parsed = roomAllocatedV1.schema.safeParse(envelope.data);
        if (parsed.success) {
          const { schedulerName, roomId, allocatedAt } = parsed.data;
          work.push(this.fleet.observeAllocation(schedulerName, roomId, allocatedAt));
        }
        continue;
      }
      if (message.topic !== topics.schedulerEvents) continue;
      const operationEvent = toOperationEvent(envelope.type, envelope.schemaVersion, envelope.data);
      if (operationEvent?.type === 'OperationCreated') this.operations.wake(envelope.subject);
      else if (operationEvent?.type === 'OperationCancellationRequested') {
        this.operations.cancel(envelope.subject, operationEvent.data.operationId);
      } else if (!operationEvent) schedulerNames.add(envelope.subject);
    }
    for (const [name, pings] of pingsByScheduler) work.push(this.fleet.recordPings(name, pings));
    for (const name of schedulerNames) {
      const scheduler = await this.schedulers.load(name);
      if (scheduler) work.push(this.fleet.upsertScheduler(scheduler));
      else if (this.fleet.knows(name)) work.push(this.fleet.removeScheduler(name));
    }
    await Promise.all(work);
  }

  private async flushLastPings(): Promise<void> {
    if (this.pendingLastPings.size === 0) return;
    const batch = [...this.pendingLastPings.values()];
    this.pendingLastPings.clear();
    try {
      await this.rooms.saveLastPings(batch);
    } catch (error) {
      this.logger.warn({
        msg: 'could not save last-ping times',
        error: error instanceof Error ? error.message : error,
      });
    }
  }
}
