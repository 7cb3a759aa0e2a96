import { type MessagePublisher, type OutgoingMessage } from '@maestro/application';
import { type EventDefinition } from '@maestro/contracts';
import { type DataSource, type QueryRunner } from 'typeorm';
import { type OutboxEventRow, type OutboxRouting, toOutboxMessage } from './outbox-message';

export type OutboxRelayLog = (
  level: 'error' | 'warn' | 'info' | 'debug',
  message: string,
  fields: Record<string, unknown>,
) => void;

export interface OutboxRelayOptions {
  readonly log: OutboxRelayLog;
  /** Most events claimed and published per transaction (default 100). */
  readonly batchSize?: number;
  /** Wait between polls of an empty outbox (default 50 ms): the relay's share of end-to-end latency. */
  readonly idlePollMs?: number;
  /** Longest wait between attempts while Postgres or the bus fails (default 5 s). */
  readonly maxBackoffMs?: number;
  /** `ce_source` of events whose metadata names none (default `maestro`). */
  readonly defaultSource?: string;
  /** The topic of an event definition (default: the catalogue's topic); tests route to their own. */
  readonly topicFor?: (definition: EventDefinition) => string;
}

/** What one pass over the outbox did. */
export interface RelayedBatch {
  /** Rows locked by this pass. */
  readonly claimed: number;
  /** Rows published and deleted. */
  readonly published: number;
}

// The oldest rows no other relay holds; rows this relay could not route are left out.
const claimSql = `
  WITH claimed AS (
    SELECT global_position FROM outbox
     WHERE global_position <> ALL($2::bigint[])
     ORDER BY global_position
     LIMIT $1
     FOR UPDATE SKIP LOCKED
  )
  SELECT e.global_position, e.event_id, e.stream_id, e.stream_version, e.type, e.schema_version,
         e.data, e.metadata, e.recorded_at
    FROM claimed JOIN events e ON e.global_position = claimed.global_position
   ORDER BY e.global_position`;

// Schedulers with an older row still waiting outside this batch (another relay holds it, or it became
// visible late): their events in this batch must wait, or a scheduler's events could overtake each other.
const subjectsWaitingSql = `
  SELECT DISTINCT e.metadata->>'subject' AS subject
    FROM outbox o JOIN events e ON e.global_position = o.global_position
   WHERE o.global_position < $1 AND o.global_position <> ALL($2::bigint[])`;

/**
 * Publishes the transactional outbox: it claims the oldest rows with `FOR UPDATE SKIP LOCKED` (so
 * several relays can run), publishes their events and deletes the rows in the same transaction once
 * the bus acknowledged them. A crash between publish and commit publishes those events again later;
 * consumers dedupe by event id or stream version. An event that cannot be routed (type missing from
 * the catalogue, no scheduler) is logged and left in the outbox, never lost.
 */
export class OutboxRelay {
  private readonly log: OutboxRelayLog;
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private readonly maxBackoffMs: number;
  private readonly routing: OutboxRouting;
  /** Unroutable rows, by global position, with the reason; logged once and skipped from then on. */
  private readonly parked = new Map<string, string>();
  private running?: { readonly loop: Promise<void>; readonly stopping: AbortController };

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: MessagePublisher,
    options: OutboxRelayOptions,
  ) {
    this.log = options.log;
    this.batchSize = options.batchSize ?? 100;
    this.idlePollMs = options.idlePollMs ?? 50;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
    this.routing = {
      defaultSource: options.defaultSource ?? 'maestro',
      topicFor: options.topicFor ?? ((definition) => definition.topic),
    };
  }

  /** Starts relaying in the background until `stop()`. */
  start(): void {
    if (this.running) return;
    const stopping = new AbortController();
    this.running = { loop: this.loop(stopping.signal), stopping };
  }

  /** Stops polling and waits for the batch in flight to be published and committed (or rolled back). */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.stopping.abort();
    await running.loop;
    if (this.running === running) this.running = undefined;
  }

  /** One pass: claims, publishes and deletes up to `batchSize` rows in one transaction. */
  async relayBatch(): Promise<RelayedBatch> {
    if (!(await this.hasPendingRows())) return { claimed: 0, published: 0 };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      try {
        const batch = await this.relayWith(runner);
        await runner.commitTransaction();
        return batch;
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  private async loop(stopping: AbortSignal): Promise<void> {
    let failures = 0;
    while (!stopping.aborted) {
      let waitMs = this.idlePollMs;
      try {
        const batch = await this.relayBatch();
        if (failures > 0) this.log('info', 'outbox relay recovered', { failures });
        failures = 0;
        // A full batch that went out means more rows are probably waiting: go again at once.
        if (batch.claimed === this.batchSize && batch.published > 0) waitMs = 0;
      } catch (error) {
        failures++;
        waitMs = Math.min(this.idlePollMs * 2 ** failures, this.maxBackoffMs);
        this.log('warn', 'outbox relay failed; retrying', {
          error: error instanceof Error ? error.message : String(error),
          failures,
          retryInMs: waitMs,
        });
      }
      if (waitMs > 0) await pause(waitMs, stopping);
    }
  }

  /** A cheap check outside any transaction, so an idle relay costs one small query per poll. */
  private async hasPendingRows(): Promise<boolean> {
    const rows = await this.dataSource.query<[{ pending: boolean }]>(
      'SELECT EXISTS (SELECT 1 FROM outbox WHERE global_position <> ALL($1::bigint[])) AS pending',
      [[...this.parked.keys()]],
    );
    return rows[0].pending;
  }

  private async relayWith(runner: QueryRunner): Promise<RelayedBatch> {
    const parked = [...this.parked.keys()];
    const rows = (await runner.query(claimSql, [this.batchSize, parked])) as OutboxEventRow[];
    const newest = rows[rows.length - 1];
    if (!newest) return { claimed: 0, published: 0 };
    const claimed = rows.map((row) => row.global_position);
    const waiting = (await runner.query(subjectsWaitingSql, [
      newest.global_position,
      [...claimed, ...parked],
    ])) as { subject: string | null }[];
    const heldBack = new Set(waiting.map((row) => row.subject));

    const messages: OutgoingMessage[] = [];
    const published: string[] = [];
    for (const row of rows) {
      const result = toOutboxMessage(row, this.routing);
      if (!result.ok) {
        this.park(row, result.reason);
        continue;
      }
      if (heldBack.has(result.message.key)) continue;
      messages.push(result.message);
      published.push(row.global_position);
    }
    if (messages.length > 0) {
      await this.publisher.publish(messages);
      await runner.query('DELETE FROM outbox WHERE global_position = ANY($1::bigint[])', [published]);
    }
    return { claimed: rows.length, published: published.length };
  }

  private park(row: OutboxEventRow, reason: string): void {
    if (this.parked.has(row.global_position)) return;
    this.parked.set(row.global_position, reason);
    this.log('error', 'event cannot be published; it stays in the outbox', {
      reason,
      globalPosition: row.global_position,
      eventId: row.event_id,
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      type: row.type,
      schemaVersion: row.schema_version,
    });
  }
}

/** Waits `ms`, or less when the relay is stopped meanwhile. */
function pause(ms: number, stopping: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stopping.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      stopping.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stopping.addEventListener('abort', done, { once: true });
  });
}
