import {
  type OperationCommand,
  type OperationEvent,
  decideOperation,
  evolveOperationQueue,
  initialOperationQueueState,
  nextPendingOperation,
} from './operation-queue.decider';
import {
  OngoingVersionOperationError,
  OperationAlreadyFinalError,
  OperationNotFoundError,
  OperationStateError,
} from './operation-errors';

const at = (second: number) => `2026-11-28T10:00:${String(second).padStart(2, '0')}.000Z`;

/** Applies commands in order and returns the events and the state they leave. */
function run(...commands: OperationCommand[]) {
  let state = initialOperationQueueState('zooba-us');
  const events: OperationEvent[] = [];
  for (const command of commands) {
    const decided = decideOperation(command, state);
    events.push(...decided);
    state = decided.reduce(evolveOperationQueue, state);
  }
  return { events, state };
}

const enqueue = (
  operationId: string,
  definitionName: 'switch_active_version' | 'delete_scheduler' | 'create_new_scheduler_version',
  second = 0,
): OperationCommand => ({
  kind: 'EnqueueOperation',
  operationId,
  definitionName,
  input: {},
  at: at(second),
});
const start = (operationId: string, second = 1): OperationCommand => ({
  kind: 'StartOperation',
  operationId,
  at: at(second),
});
const finish = (operationId: string, second = 2): OperationCommand => ({
  kind: 'FinishOperation',
  operationId,
  status: 'finished',
  entries: [],
  at: at(second),
});
const cancel = (operationId: string, second = 3): OperationCommand => ({
  kind: 'CancelOperation',
  operationId,
  at: at(second),
});

describe('operation queue', () => {
  it('runs operations in creation order, one at a time', () => {
    const { state } = run(enqueue('a', 'delete_scheduler'), enqueue('b', 'delete_scheduler'));
    expect(nextPendingOperation(state)?.id).toBe('a');
    expect(() => decideOperation(start('b'), state)).toThrow(OperationStateError);
    const afterStart = decideOperation(start('a'), state).reduce(evolveOperationQueue, state);
    expect(() => decideOperation(start('b'), afterStart)).toThrow('another operation is running');
  });

  it('keeps a history in Maestro words: Created, Starting operation, …, Operation finished', () => {
    const { state } = run(
      enqueue('a', 'delete_scheduler', 0),
      start('a', 1),
      {
        kind: 'RecordOperationProgress',
        operationId: 'a',
        entries: [{ createdAt: at(2), event: 'Waiting for instances to be deleted: 2' }],
      },
      finish('a', 3),
    );
    expect(state.operations[0]).toMatchObject({
      status: 'finished',
      executionHistory: [
        { createdAt: at(0), event: 'Created' },
        { createdAt: at(1), event: 'Starting operation' },
        { createdAt: at(2), event: 'Waiting for instances to be deleted: 2' },
        { createdAt: at(3), event: 'Operation finished' },
      ],
    });
  });

  it('refuses a second version operation while one is pending or running, and accepts it after', () => {
    const pending = run(enqueue('a', 'create_new_scheduler_version'));
    expect(() => decideOperation(enqueue('b', 'switch_active_version'), pending.state)).toThrow(
      new OngoingVersionOperationError('zooba-us', 'a'),
    );
    const running = run(enqueue('a', 'create_new_scheduler_version'), start('a'));
    expect(() => decideOperation(enqueue('b', 'create_new_scheduler_version'), running.state)).toThrow(
      OngoingVersionOperationError,
    );
    expect(decideOperation(enqueue('c', 'delete_scheduler'), running.state)).toHaveLength(1);
    const done = run(enqueue('a', 'create_new_scheduler_version'), start('a'), finish('a'));
    expect(decideOperation(enqueue('b', 'switch_active_version'), done.state)).toHaveLength(1);
  });

  it('cancels a pending operation at once, so the next one becomes first', () => {
    const { events, state } = run(
      enqueue('a', 'delete_scheduler'),
      enqueue('b', 'delete_scheduler'),
      cancel('a'),
    );
    expect(events.at(-1)).toMatchObject({ type: 'OperationFinished', data: { status: 'canceled' } });
    expect(state.operations[0]?.status).toBe('canceled');
    expect(nextPendingOperation(state)?.id).toBe('b');
  });

  it('asks a running operation to stop once, and refuses to cancel a final one with a 409 message', () => {
    const running = run(enqueue('a', 'delete_scheduler'), start('a'), cancel('a'));
    expect(running.events.at(-1)?.type).toBe('OperationCancellationRequested');
    expect(running.state.operations[0]?.cancellationRequested).toBe(true);
    expect(decideOperation(cancel('a'), running.state)).toEqual([]);
    const done = run(enqueue('a', 'delete_scheduler'), start('a'), finish('a'));
    expect(() => decideOperation(cancel('a'), done.state)).toThrow(
      new OperationAlreadyFinalError('finished'),
    );
    expect(() => decideOperation(finish('a'), done.state)).toThrow(OperationStateError);
  });

  it('names the scheduler and the id of an operation it does not know', () => {
    expect(() => run(cancel('nope'))).toThrow(new OperationNotFoundError('zooba-us', 'nope'));
    expect(new OperationNotFoundError('zooba-us', 'nope').message).toBe(
      'operation nope not found in scheduler zooba-us',
    );
  });
});
