import {
  decideOperation,
  evolveOperationQueue,
  historyLines,
  type HistoryEntry,
  nextPendingOperation,
  type Operation,
  type OperationEvent,
  type OperationFinalStatus,
  OperationStateError,
  runningOperation,
} from '@maestro/domain';
import { type AppLogger } from '../ports/logger.port';
import { type Randomness } from '../ports/randomness.port';
import {
  type ExecutionContext,
  type ExecutionOutcome,
  type OperationExecutor,
} from './executors/operation-executor';
import { type OperationQueueService } from './operation-queue.service';

/** Why a running operation was aborted: a client's cancel, or the worker stopping. */
class CanceledByClient extends Error {}
class WorkerStopping extends Error {}

interface Running {
  readonly operationId: string;
  readonly controller: AbortController;
}

/**
 * Runs each scheduler's operations one at a time, oldest first (reference §6), different schedulers
 * in parallel. A loop per scheduler starts when something may have been queued (`wake`) and ends
 * when nothing is pending. Every step is an event on the scheduler's operation stream, appended
 * only if nobody wrote meanwhile, so two workers can never run the same operation.
 */
export class OperationRunner {
  private readonly executors: ReadonlyMap<string, OperationExecutor>;
  private readonly loops = new Map<string, Promise<void>>();
  /** Schedulers woken while their loop ran: the loop looks again before it ends. */
  private readonly wokenWhileRunning = new Set<string>();
  private readonly running = new Map<string, Running>();
  private stopping = false;

  constructor(
    private readonly queue: OperationQueueService,
    executors: readonly OperationExecutor[],
    private readonly randomness: Randomness,
    private readonly logger: AppLogger,
  ) {
    this.executors = new Map(executors.map((executor) => [executor.definitionName, executor]));
  }

  /** Something may be pending for this scheduler: make sure its loop runs. */
  wake(schedulerName: string): void {
    if (this.stopping) return;
    if (this.loops.has(schedulerName)) {
      this.wokenWhileRunning.add(schedulerName);
      return;
    }
    const loop = this.loop(schedulerName)
      .catch((error: unknown) => {
        this.logger.error('operation loop failed', { schedulerName, error: describe(error) });
      })
      .finally(() => {
        this.loops.delete(schedulerName);
        if (this.wokenWhileRunning.delete(schedulerName)) this.wake(schedulerName);
      });
    this.loops.set(schedulerName, loop);
  }

  /** A client asked to cancel: stop the operation if this worker runs it. */
  cancel(schedulerName: string, operationId: string): void {
    const current = this.running.get(schedulerName);
    if (current?.operationId === operationId) current.controller.abort(new CanceledByClient('canceled'));
  }

  /**
   * At start-up: an operation still `in_progress` was left by a worker that stopped while running
   * it; it ends `error` (its effects may be partial, so it is not run twice), then the queue goes on.
   */
  async recover(schedulerName: string): Promise<void> {
    const state = await this.queue.load(schedulerName);
    const stale = runningOperation(state);
    if (stale && !this.running.has(schedulerName)) {
      const executor = this.executors.get(stale.definitionName);
      const context = this.contextFor(stale, new AbortController().signal);
      const entries = [this.entry(historyLines.interrupted), ...(await this.rollback(executor, context))];
      await this.finish(stale, 'error', entries).catch((error: unknown) => {
        if (!(error instanceof OperationStateError)) throw error;
      });
    }
    this.wake(schedulerName);
  }

  /** Stops every loop; a running operation is aborted and left for `recover` on the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const { controller } of this.running.values())
      controller.abort(new WorkerStopping('worker stopping'));
    await Promise.all(this.loops.values());
  }

  /** Resolves once no loop runs; for tests. */
  async idle(): Promise<void> {
    while (this.loops.size > 0) await Promise.all(this.loops.values());
  }

  private async loop(schedulerName: string): Promise<void> {
    while (!this.stopping) {
      const state = await this.queue.load(schedulerName);
      if (runningOperation(state)) return;
      const next = nextPendingOperation(state);
      if (!next) return;
      try {
        await this.queue.change(schedulerName, (current) =>
          decideOperation({ kind: 'StartOperation', operationId: next.id, at: this.queue.now() }, current),
        );
      } catch (error) {
        // Canceled or taken meanwhile: look at the queue again.
        if (error instanceof OperationStateError) continue;
        throw error;
      }
      await this.run(next);
    }
  }

  private async run(operation: Operation): Promise<void> {
    const executor = this.executors.get(operation.definitionName);
    if (!executor) {
      await this.finish(operation, 'evicted', [this.entry(historyLines.evicted)]);
      return;
    }
    const controller = new AbortController();
    this.running.set(operation.schedulerName, { operationId: operation.id, controller });
    const context = this.contextFor(operation, controller.signal);
    try {
      const outcome = await executor.execute(context);
      await this.finish(operation, 'finished', [], outcome);
    } catch (error) {
      const reason: unknown = controller.signal.reason;
      if (reason instanceof WorkerStopping) return;
      const canceled = reason instanceof CanceledByClient;
      const entries = canceled
        ? [this.entry(historyLines.canceledWhileRunning)]
        : [this.entry(historyLines.failed), this.entry(describe(error))];
      entries.push(
        ...(await this.rollback(executor, this.contextFor(operation, new AbortController().signal))),
      );
      this.logger.warn('operation did not finish', {
        schedulerName: operation.schedulerName,
        operationId: operation.id,
        definitionName: operation.definitionName,
        error: describe(error),
      });
      await this.finish(operation, canceled ? 'canceled' : 'error', entries);
    } finally {
      this.running.delete(operation.schedulerName);
    }
  }

  private async rollback(
    executor: OperationExecutor | undefined,
    context: ExecutionContext,
  ): Promise<HistoryEntry[]> {
    if (!executor?.rollback) return [];
    const entries = [this.entry(historyLines.rollbackStarting)];
    try {
      await executor.rollback(context);
      entries.push(this.entry(historyLines.rollbackSucceeded));
    } catch (error) {
      entries.push(this.entry(`${historyLines.rollbackFailed}: ${describe(error)}`));
    }
    return entries;
  }

  /** Ends the operation and, in the same append, queues its follow-up (so none is ever lost). */
  private async finish(
    operation: Operation,
    status: OperationFinalStatus,
    entries: HistoryEntry[],
    outcome: ExecutionOutcome = {},
  ): Promise<void> {
    const followUpId = outcome.followUp ? this.randomness.uuid() : undefined;
    await this.queue.change(operation.schedulerName, (state) => {
      const lines = [...entries];
      if (outcome.followUp && followUpId) lines.push(this.entry(outcome.followUp.describe(followUpId)));
      const events: OperationEvent[] = decideOperation(
        { kind: 'FinishOperation', operationId: operation.id, status, entries: lines, at: this.queue.now() },
        state,
      );
      if (outcome.followUp && followUpId) {
        const after = events.reduce(evolveOperationQueue, state);
        events.push(
          ...decideOperation(
            {
              kind: 'EnqueueOperation',
              operationId: followUpId,
              definitionName: outcome.followUp.definitionName,
              input: outcome.followUp.input,
              at: this.queue.now(),
            },
            after,
          ),
        );
      }
      return events;
    });
  }

  private contextFor(operation: Operation, signal: AbortSignal): ExecutionContext {
    return {
      operation,
      signal,
      record: async (line) => {
        await this.queue.change(operation.schedulerName, (state) =>
          decideOperation(
            { kind: 'RecordOperationProgress', operationId: operation.id, entries: [this.entry(line)] },
            state,
          ),
        );
      },
    };
  }

  private entry(event: string): HistoryEntry {
    return { createdAt: this.queue.now(), event };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
