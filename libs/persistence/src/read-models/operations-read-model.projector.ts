import { historyLines } from '@maestro/domain';
import { type EntityManager } from 'typeorm';
import { type ProjectedSchedulerEvent } from './scheduler-read-model.projector';

interface HistoryLine {
  readonly createdAt: string;
  readonly event: string;
}

/**
 * Maintains `operations` from the operation events, inline in the append's transaction (so a
 * client reads the operation id it was just given). The history lines each event adds are the
 * ones the domain's `historyOf` gives (the same `historyLines`). Idempotent per event: a replayed event finds its lines already there.
 */
export class OperationsReadModelProjector {
  readonly name = 'operations';

  async apply(events: readonly ProjectedSchedulerEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      if (event.schemaVersion !== 1) continue;
      const data = event.data;
      switch (event.type) {
        case 'OperationCreated':
          await manager.query(
            `INSERT INTO operations (id, scheduler_name, definition_name, status, input, execution_history, created_at, updated_at)
             VALUES ($1, $2, $3, 'pending', $4, $5, $6, $6)
             ON CONFLICT (id) DO NOTHING`,
            [
              data.operationId,
              data.schedulerName,
              data.definitionName,
              JSON.stringify(data.input),
              JSON.stringify([{ createdAt: data.createdAt, event: historyLines.created }]),
              data.createdAt,
            ],
          );
          break;
        case 'OperationStarted':
          await this.update(manager, data, 'in_progress', [
            { createdAt: String(data.startedAt), event: historyLines.starting },
          ]);
          break;
        case 'OperationProgressed':
          await this.update(manager, data, undefined, data.entries as HistoryLine[]);
          break;
        case 'OperationFinished':
          await this.update(manager, data, String(data.status), [
            ...(data.entries as HistoryLine[]),
            { createdAt: String(data.finishedAt), event: historyLines.finished },
          ]);
          break;
        default:
          break;
      }
    }
  }

  /** Appends history lines (unless the last ones already are these) and sets the status. */
  private async update(
    manager: EntityManager,
    data: Record<string, unknown>,
    status: string | undefined,
    lines: readonly HistoryLine[],
  ): Promise<void> {
    const at = lines.at(-1)?.createdAt ?? new Date().toISOString();
    await manager.query(
      `UPDATE operations SET
         status = COALESCE($3, status),
         execution_history = CASE
           WHEN jsonb_array_length(execution_history) >= jsonb_array_length($4::jsonb)
             AND execution_history -> (jsonb_array_length(execution_history) - 1) = $4::jsonb -> (jsonb_array_length($4::jsonb) - 1)
           THEN execution_history
           ELSE execution_history || $4::jsonb END,
         updated_at = $5
       WHERE id = $1 AND scheduler_name = $2`,
      [data.operationId, data.schedulerName, status ?? null, JSON.stringify(lines), at],
    );
  }
}
