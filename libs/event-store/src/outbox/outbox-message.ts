import { type OutgoingMessage } from '@maestro/application';
import { type EventDefinition, findEventDefinition } from '@maestro/contracts';

/** An outbox row joined with its event, as the relay reads it. */
export interface OutboxEventRow {
  readonly global_position: string;
  readonly event_id: string;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
  readonly recorded_at: Date;
}

export interface OutboxRouting {
  /** `ce_source` of events whose metadata names none. */
  readonly defaultSource: string;
  readonly topicFor: (definition: EventDefinition) => string;
}

export type OutboxMessage =
  { readonly ok: true; readonly message: OutgoingMessage } | { readonly ok: false; readonly reason: string };

/**
 * The message an event is published as: its topic comes from the catalogue entry of its type and
 * version, its key and subject from `metadata.subject` (the scheduler name), its source from
 * `metadata.source`, its time from when it was recorded. An event with neither cannot be routed.
 */
export function toOutboxMessage(row: OutboxEventRow, routing: OutboxRouting): OutboxMessage {
  const definition = findEventDefinition(row.type, row.schema_version);
  if (!definition) {
    return { ok: false, reason: `${row.type} v${String(row.schema_version)} is not in the event catalogue` };
  }
  const { subject, source } = row.metadata;
  if (typeof subject !== 'string' || subject === '') {
    return { ok: false, reason: 'metadata.subject (the scheduler name, used as the key) is missing' };
  }
  return {
    ok: true,
    message: {
      topic: routing.topicFor(definition),
      key: subject,
      envelope: {
        id: row.event_id,
        type: row.type,
        schemaVersion: row.schema_version,
        source: typeof source === 'string' && source !== '' ? source : routing.defaultSource,
        subject,
        time: row.recorded_at.toISOString(),
        data: row.data,
      },
    },
  };
}
