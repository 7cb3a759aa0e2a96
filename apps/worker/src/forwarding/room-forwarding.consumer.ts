import {
  type AppLogger,
  type EventForwarder,
  type IncomingMessage,
  type MessageSubscriber,
  type RoomEventToForward,
  type Subscription,
} from '@maestro/application';
import {
  roomAddressAssignedV1,
  roomAllocatedV1,
  roomCreatedV1,
  roomDeletedV1,
  roomPingedV1,
  roomStatusChangedV1,
  topics,
} from '@maestro/contracts';
import { type EventForwardingMetrics } from '@maestro/event-forwarding';
import { type ForwardingDirectory } from './forwarding-directory';
import { forwardingOfPing, type PingToJudge } from './ping-forwarding.policy';

export interface RoomForwardingConsumerOptions {
  /** Its own group, apart from the worker's, so a slow forwarder never holds the fleet back. */
  readonly groupId: string;
  /** Pause between attempts to join while the topics do not exist yet. */
  readonly retryDelayMs?: number;
}

/**
 * One thing to forward about one room: an event, or a ping, which becomes one (or none) once the
 * room's state is read.
 */
interface Forwarding {
  readonly schedulerName: string;
  readonly roomId: string;
  readonly what: { readonly event: RoomEventToForward } | { readonly ping: PingToJudge };
}

/**
 * Tells the schedulers' forwarders what happens to their rooms (reference §9), from the topics:
 * for a ping (`room-pings`, published only once Kafka took it, so the ping path does no
 * forwarding) a `resync` with its status when that status may follow the room's (unchanged or a
 * valid transition; an invalid one forwards nothing), or a `terminated` status instead when the
 * room's instance is terminating; a `terminated` status when a room is deleted (`room-events`).
 * Pings are judged on the room's state read from the event store. Validation rooms never forward.
 *
 * The group starts at the topics' end the first time: forwarding is about now, and replaying
 * history to a matchmaker would announce rooms long gone. Forwarding failures are counted and
 * logged, never retried, as in Maestro; a batch is never failed for them, so one unreachable
 * forwarder cannot stall a partition. Schedulers of a batch forward side by side, each scheduler's
 * events in order; when a batch holds several pings of one room only the last is forwarded (a
 * resync says what the room is now).
 */
export class RoomForwardingConsumer {
  private subscription?: Subscription;
  private stopped = false;
  private running?: Promise<void>;

  constructor(
    private readonly subscriber: MessageSubscriber,
    private readonly directory: ForwardingDirectory,
    private readonly forwarder: EventForwarder,
    private readonly metrics: EventForwardingMetrics,
    private readonly logger: AppLogger,
    private readonly options: RoomForwardingConsumerOptions,
  ) {}

  start(): void {
    this.running = this.join();
  }

  /** Whether it has joined its consumer group and receives the topics (its readiness). */
  get isSubscribed(): boolean {
    return this.subscription !== undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** Handles one batch; public for tests that feed messages without a bus. */
  readonly handleBatch = async (messages: readonly IncomingMessage[]): Promise<void> => {
    const bySchedulerName = new Map<string, Forwarding[]>();
    const lastPing = new Map<string, number>();
    messages.forEach((message, index) => {
      if (message.topic === topics.roomPings) lastPing.set(`${message.key}/${pingedRoomOf(message)}`, index);
    });
    for (const message of messages) {
      if (message.topic === topics.schedulerEvents) this.directory.forgetScheduler(message.envelope.subject);
    }
    const forwardingSchedulers = await this.schedulersThatForward(messages);
    for (const [index, message] of messages.entries()) {
      // Most schedulers have no forwarder: their pings are not even decoded here (the hot path).
      if (message.topic === topics.roomPings && !forwardingSchedulers.has(message.key)) continue;
      const forwarding = this.interpret(message, index, lastPing);
      if (!forwarding) continue;
      const list = bySchedulerName.get(forwarding.schedulerName) ?? [];
      list.push(forwarding);
      bySchedulerName.set(forwarding.schedulerName, list);
    }
    await Promise.all(
      [...bySchedulerName.values()].map(async (forwardings) => {
        for (const forwarding of forwardings) await this.forward(forwarding);
      }),
    );
  };

  /**
   * The schedulers of the batch's pings (a ping's key is its scheduler) that have an enabled
   * forwarder, read after the batch's scheduler events made the cache forget what they changed. A
   * scheduler that cannot be read counts as forwarding: `forward` reads it again and logs why not.
   */
  private async schedulersThatForward(messages: readonly IncomingMessage[]): Promise<Set<string>> {
    const names = new Set(
      messages.filter((message) => message.topic === topics.roomPings).map((message) => message.key),
    );
    const forwarding = new Set<string>();
    await Promise.all(
      [...names].map(async (name) => {
        try {
          const scheduler = await this.directory.scheduler(name);
          if (scheduler?.forwarders.some((forwarder) => forwarder.enable)) forwarding.add(name);
        } catch {
          forwarding.add(name);
        }
      }),
    );
    return forwarding;
  }

  private async join(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        this.subscription = await this.subscriber.subscribe({
          groupId: this.options.groupId,
          topics: [topics.schedulerEvents, topics.roomEvents, topics.roomPings],
          fromBeginning: false,
          handleBatch: this.handleBatch,
        });
        this.logger.info('forwarding room events', { groupId: this.options.groupId });
        return;
      } catch (error) {
        this.logger.warn('could not subscribe for forwarding, retrying', { attempt, err: error });
        await new Promise((resolve) =>
          setTimeout(resolve, this.options.retryDelayMs ?? Math.min(500 * attempt, 5_000)),
        );
      }
    }
  }

  /** What a message asks to forward, if anything; cache upkeep on the way. */
  private interpret(
    message: IncomingMessage,
    index: number,
    lastPing: ReadonlyMap<string, number>,
  ): Forwarding | undefined {
    const { envelope } = message;
    if (message.topic === topics.schedulerEvents) {
      this.directory.forgetScheduler(envelope.subject);
      return undefined;
    }
    if (envelope.schemaVersion !== 1) return undefined;
    switch (envelope.type) {
      case roomPingedV1.type: {
        const ping = roomPingedV1.schema.safeParse(envelope.data);
        if (!ping.success) return undefined;
        if (lastPing.get(`${message.key}/${ping.data.roomId}`) !== index) return undefined;
        const { schedulerName, roomId } = ping.data;
        return { schedulerName, roomId, what: { ping: ping.data } };
      }
      case roomDeletedV1.type: {
        const deleted = roomDeletedV1.schema.safeParse(envelope.data);
        if (!deleted.success) return undefined;
        const { schedulerName, roomId } = deleted.data;
        const event = { kind: 'status', status: 'terminated', metadata: {} } as const;
        return { schedulerName, roomId, what: { event } };
      }
      // What the room is changed: the next ping is judged on the store's state again.
      case roomCreatedV1.type:
      case roomAddressAssignedV1.type:
      case roomStatusChangedV1.type:
      case roomAllocatedV1.type: {
        const named = roomNamed(envelope.data);
        if (named) this.directory.forgetRoom(named.schedulerName, named.roomId);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private async forward({ schedulerName, roomId, what }: Forwarding): Promise<void> {
    let event = 'event' in what ? what.event : undefined;
    try {
      const scheduler = await this.directory.scheduler(schedulerName);
      if (!scheduler?.forwarders.some((forwarder) => forwarder.enable)) return;
      const details = await this.directory.room(schedulerName, roomId);
      if (!details || details.isValidationRoom) return;
      if ('ping' in what) {
        event = forwardingOfPing(details.room, what.ping, scheduler.maxMatches);
      }
      if (!event) return;
      const room = {
        schedulerName,
        game: scheduler.game,
        roomId,
        host: details.address?.host ?? '',
        ports: details.address?.ports ?? details.ports,
      };
      const result = await this.forwarder.forward(scheduler.forwarders, room, event);
      this.metrics.record(event.kind, schedulerName, result);
      if (result.outcome === 'failed') {
        this.logger.warn('room event not forwarded', {
          event: event.kind,
          schedulerName,
          roomId,
          forwarder: result.forwarder,
          reason: result.message,
        });
      }
    } catch (error) {
      this.logger.error('could not forward a room event', {
        event: event?.kind ?? 'ping',
        schedulerName,
        roomId,
        err: error,
      });
    } finally {
      if (event?.kind === 'status' && event.status === 'terminated')
        this.directory.forgetRoom(schedulerName, roomId);
    }
  }
}

function pingedRoomOf(message: IncomingMessage): string | undefined {
  return roomNamed(message.envelope.data)?.roomId;
}

function roomNamed(data: unknown): { schedulerName: string; roomId: string } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { schedulerName, roomId } = data as Record<string, unknown>;
  return typeof schedulerName === 'string' && typeof roomId === 'string'
    ? { schedulerName, roomId }
    : undefined;
}
