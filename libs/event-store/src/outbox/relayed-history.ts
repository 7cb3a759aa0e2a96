import { type MessagePublisher } from '@maestro/application';
import { type EventDefinition } from '@maestro/contracts';
import { type DataSource } from 'typeorm';
import { type OutboxEventRow, type OutboxRouting, toOutboxMessage } from './outbox-message';

// Events the relay already published (no outbox row left), oldest first, one page at a time.
const relayedPageSql = `
  SELECT e.global_position, e.event_id, e.stream_id, e.stream_version, e.type, e.schema_version,
         e.data, e.metadata, e.recorded_at
    FROM events e
   WHERE e.global_position > $1
     AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.global_position = e.global_position)
   ORDER BY e.global_position
   LIMIT $2`;

export interface RelayedHistoryOptions {
  /** Events read and published at a time (default 500). */
  readonly pageSize?: number;
  /** `ce_source` of events whose metadata names none (default `maestro`, as the relay). */
  readonly defaultSource?: string;
}

/**
 * Publishes again, in their order, every event the outbox relay has already published, as the relay
 * published them. A broker keeps its topics, a bus inside the process forgets them when the process
 * ends: the embedded mode calls this on such a bus before anything consumes it, so consumers that
 * rebuild their view from a topic (the rooms API's known rooms) find the history there after a
 * restart, as on Kafka. Events still in the outbox are left to the relay, which publishes them after.
 * Consumers dedupe by event id or stream version, so the copies are harmless. Returns the count.
 */
export async function republishRelayedHistory(
  dataSource: DataSource,
  publisher: MessagePublisher,
  options: RelayedHistoryOptions = {},
): Promise<number> {
  const pageSize = options.pageSize ?? 500;
  const routing: OutboxRouting = {
    defaultSource: options.defaultSource ?? 'maestro',
    topicFor: (definition: EventDefinition) => definition.topic,
  };
  let after = '0';
  let published = 0;
  for (;;) {
    const rows = await dataSource.query<OutboxEventRow[]>(relayedPageSql, [after, pageSize]);
    const messages = rows.flatMap((row) => {
      const routed = toOutboxMessage(row, routing);
      return routed.ok ? [routed.message] : [];
    });
    if (messages.length > 0) await publisher.publish(messages);
    published += messages.length;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return published;
    after = last.global_position;
  }
}
