import { type AppLogger, Clock, FleetController, Randomness } from '@maestro/application';
import { defaultAllocationTtlMs, defaultRoomTimeouts, type GameRoom, type Scheduler } from '@maestro/domain';
import { InMemoryEventStore } from '@maestro/event-store';
import { InMemoryGameRoomRuntime } from '@maestro/k8s-runtime';
import { randomUUID } from 'node:crypto';

export class FixedClock extends Clock {
  constructor(private time = new Date('2026-11-27T10:00:00.000Z')) {
    super();
  }

  now(): Date {
    return this.time;
  }

  advance(ms: number): void {
    this.time = new Date(this.time.getTime() + ms);
  }
}

export class SeededRandomness extends Randomness {
  private state = 42;

  uuid(): string {
    return randomUUID();
  }

  fraction(): number {
    this.state = (this.state * 1_103_515_245 + 12_345) % 2 ** 31;
    return this.state / 2 ** 31;
  }
}

export const silentLogger: AppLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function scheduler(overrides: Partial<Scheduler> = {}): Scheduler {
  return {
    name: 'arena',
    game: 'game',
    state: 'creating',
    portRange: { start: 20_000, end: 20_100 },
    maxSurge: '10%',
    roomsReplicas: 3,
    spec: {
      version: 'v1.0.0',
      terminationGracePeriodSeconds: 100,
      containers: [
        {
          name: 'game',
          image: 'game:1.0',
          imagePullPolicy: 'IfNotPresent',
          command: ['./run'],
          environment: [{ name: 'A', value: 'b' }],
          requests: { cpu: '100m', memory: '100Mi' },
          limits: { cpu: '200m', memory: '200Mi' },
          ports: [{ name: 'game', protocol: 'udp', port: 7777 }],
        },
      ],
      toleration: '',
      affinity: '',
    },
    forwarders: [],
    annotations: {},
    labels: {},
    matchAllocation: { maxMatches: 1 },
    createdAt: '2026-11-27T09:00:00.000Z',
    ...overrides,
  };
}

export interface Harness {
  readonly controller: FleetController;
  readonly runtime: InMemoryGameRoomRuntime;
  readonly events: InMemoryEventStore;
  readonly clock: FixedClock;
  readonly stop: () => Promise<void>;
}

/**
 * A controller wired as the worker wires it: state restored and the runtime's instances adopted
 * first (`restore`), then the runtime watched.
 */
export async function harness(
  runtime = new InMemoryGameRoomRuntime(),
  events = new InMemoryEventStore(),
  restore?: (controller: FleetController) => Promise<void>,
): Promise<Harness> {
  const clock = new FixedClock();
  const controller = new FleetController(events, runtime, clock, new SeededRandomness(), silentLogger, {
    instanceStartGraceMs: 30_000,
    timeouts: defaultRoomTimeouts,
    allocationTtlMs: defaultAllocationTtlMs,
    concurrentRoomChanges: 4,
  });
  await restore?.(controller);
  const watch = await runtime.watch((event) => {
    void controller.recordInstanceEvent(event);
  });
  return { controller, runtime, events, clock, stop: () => watch.stop() };
}

export const statuses = (rooms: readonly GameRoom[]): string[] => rooms.map((room) => room.status).sort();
