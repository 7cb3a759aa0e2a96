import {
  type AppLogger,
  Clock,
  CreateSchedulerExecutor,
  DeleteSchedulerExecutor,
  FleetController,
  NewSchedulerVersionExecutor,
  OperationQueueService,
  OperationRunner,
  Randomness,
  SchedulerStore,
  SwitchActiveVersionExecutor,
  toSchedulerDocument,
} from '@maestro/application';
import { defaultAllocationTtlMs, defaultRoomTimeouts, type SchedulerDefinition } from '@maestro/domain';
import { InMemoryEventStore } from '@maestro/event-store';
import { InMemoryGameRoomRuntime } from '@maestro/k8s-runtime';
import { eventually } from '@maestro/testing';
import { randomUUID } from 'node:crypto';

class SystemLikeClock extends Clock {
  now(): Date {
    return new Date();
  }
}

class TestRandomness extends Randomness {
  uuid(): string {
    return randomUUID();
  }

  fraction(): number {
    return Math.random();
  }
}

const definition: SchedulerDefinition = {
  name: 'zooba-us',
  game: 'zooba',
  maxSurge: '1',
  roomsReplicas: 1,
  portRange: { start: 40_000, end: 41_000 },
  spec: {
    terminationGracePeriodSeconds: 10,
    containers: [
      {
        name: 'game',
        image: 'game:1',
        imagePullPolicy: 'IfNotPresent',
        command: ['./run'],
        environment: [],
        requests: { memory: '10Mi', cpu: '10m' },
        limits: { memory: '20Mi', cpu: '20m' },
        ports: [{ name: 'game', protocol: 'udp', port: 7777, hostPort: 0, hostPortRange: null }],
      },
    ],
    toleration: '',
    affinity: '',
  },
  autoscaling: null,
  forwarders: [],
  annotations: {},
  labels: {},
  matchAllocation: null,
};

const silent: AppLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The worker's operation machinery on the in-memory event store and runtime. */
function harness(validationTimeoutMs = 300) {
  const events = new InMemoryEventStore();
  const clock = new SystemLikeClock();
  const randomness = new TestRandomness();
  const runtime = new InMemoryGameRoomRuntime();
  const fleet = new FleetController(events, runtime, clock, randomness, silent, {
    instanceStartGraceMs: 60_000,
    timeouts: defaultRoomTimeouts,
    allocationTtlMs: defaultAllocationTtlMs,
    concurrentRoomChanges: 4,
  });
  const schedulers = new SchedulerStore(events, randomness, 'test');
  const queue = new OperationQueueService(events, clock, randomness, 'test');
  const runner = new OperationRunner(
    queue,
    [
      new CreateSchedulerExecutor(schedulers, fleet, clock),
      new NewSchedulerVersionExecutor(schedulers, fleet, clock, {
        attempts: 2,
        timeoutMs: validationTimeoutMs,
        acceptOccupied: false,
        pollIntervalMs: 10,
      }),
      new SwitchActiveVersionExecutor(schedulers, fleet, clock),
      new DeleteSchedulerExecutor(schedulers, fleet, clock, { pollIntervalMs: 10, waitTimeoutMs: 1_000 }),
    ],
    randomness,
    silent,
  );
  const create = async () => {
    const { state } = await schedulers.execute('zooba-us', {
      kind: 'CreateScheduler',
      definition,
      at: clock.now().toISOString(),
    });
    if (!state.exists) throw new Error('not created');
    await fleet.upsertScheduler(state.scheduler);
    return state.scheduler;
  };
  return { events, runtime, fleet, schedulers, queue, runner, create };
}

describe('operation runner', () => {
  it('runs create_scheduler: the scheduler becomes in-sync, with the history of a finished operation', async () => {
    const { queue, runner, schedulers, create } = harness();
    await create();
    const id = await queue.enqueue('zooba-us', 'create_scheduler', {});
    runner.wake('zooba-us');
    await runner.idle();
    const operation = (await queue.load('zooba-us')).operations.find((candidate) => candidate.id === id);
    expect(operation?.status).toBe('finished');
    expect(operation?.executionHistory.map((entry) => entry.event)).toEqual([
      'Created',
      'Starting operation',
      'Operation finished',
    ]);
    const state = await schedulers.load('zooba-us');
    expect(state.exists && state.scheduler.state).toBe('in-sync');
  });

  it('refuses a major version whose validation room never gets ready, and rolls back to in-sync', async () => {
    const { queue, runner, schedulers, create, fleet } = harness();
    const scheduler = await create();
    const candidate = {
      ...scheduler,
      spec: { ...scheduler.spec, containers: [{ ...scheduler.spec.containers[0]!, image: 'other:2' }] },
    };
    const id = await queue.enqueue('zooba-us', 'create_new_scheduler_version', {
      scheduler: toSchedulerDocument(candidate),
    });
    runner.wake('zooba-us');
    await runner.idle();
    const operation = (await queue.load('zooba-us')).operations.find((candidate) => candidate.id === id);
    expect(operation?.status).toBe('error');
    const lines = operation?.executionHistory.map((entry) => entry.event) ?? [];
    expect(lines).toContain('Major version detected, starting game room validation process...');
    expect(lines.filter((line) => line.includes('Attempt: Got timeout'))).toHaveLength(2);
    expect(lines).toContain('All validation attempts have failed, operation aborted!');
    expect(lines).toContain('Operation rollback flow execution finished with success');
    const state = await schedulers.load('zooba-us');
    expect(state.exists && [state.scheduler.spec.version, state.scheduler.state]).toEqual([
      'v1.0.0',
      'in-sync',
    ]);
    expect(fleet.rooms('zooba-us').filter((room) => room.isValidationRoom)).toEqual([]);
  });

  it('numbers a minor version and switches to it through a follow-up operation', async () => {
    const { queue, runner, schedulers, create } = harness();
    const scheduler = await create();
    await queue.enqueue('zooba-us', 'create_new_scheduler_version', {
      scheduler: toSchedulerDocument({ ...scheduler, roomsReplicas: 3 }),
    });
    runner.wake('zooba-us');
    await eventually(
      async () => {
        const state = await schedulers.load('zooba-us');
        expect(state.exists && state.scheduler.spec.version).toBe('v1.1.0');
      },
      { timeoutMs: 5_000, intervalMs: 20, description: 'v1.1.0 active' },
    );
    await runner.idle();
    const operations = (await queue.load('zooba-us')).operations;
    expect(operations.map((operation) => [operation.definitionName, operation.status])).toEqual([
      ['create_new_scheduler_version', 'finished'],
      ['switch_active_version', 'finished'],
    ]);
    expect(operations[0]?.executionHistory.map((entry) => entry.event)).toContain(
      `enqueued switch active version operation with id: ${operations[1]?.id}`,
    );
  });

  it('stops a running operation on cancel and ends it canceled; an operation left running by a stopped worker ends error', async () => {
    const slow = harness(60_000);
    const scheduler = await slow.create();
    const id = await slow.queue.enqueue('zooba-us', 'create_new_scheduler_version', {
      scheduler: toSchedulerDocument({ ...scheduler, labels: { changed: 'yes' } }),
    });
    slow.runner.wake('zooba-us');
    await eventually(
      async () => {
        expect((await slow.queue.load('zooba-us')).operations[0]?.status).toBe('in_progress');
      },
      { timeoutMs: 5_000, intervalMs: 10, description: 'running' },
    );
    slow.runner.cancel('zooba-us', id);
    await slow.runner.idle();
    expect((await slow.queue.load('zooba-us')).operations[0]?.status).toBe('canceled');

    const second = await slow.queue.enqueue('zooba-us', 'delete_scheduler', {});
    slow.runner.wake('zooba-us');
    await slow.runner.stop();
    const restarted = new OperationRunner(slow.queue, [], new TestRandomness(), silent);
    await restarted.recover('zooba-us');
    await restarted.idle();
    const status = (await slow.queue.load('zooba-us')).operations.find((op) => op.id === second)?.status;
    expect(['finished', 'error']).toContain(status);
  });
});
