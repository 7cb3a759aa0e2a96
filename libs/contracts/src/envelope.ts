/**
 * How an event travels: a JSON payload, plus CloudEvents attributes carried in Kafka headers
 * (binary content mode) so consumers can route and dedupe without parsing the payload.
 */
export interface EventEnvelope<TData = unknown> {
  /** Unique event id (`ce_id`): consumers dedupe on it. */
  readonly id: string;
  /** Event type, e.g. `SchedulerCreated` (`ce_type`). */
  readonly type: string;
  /** Version of the payload schema for this type (`ce_schemaversion`). */
  readonly schemaVersion: number;
  /** The service that produced it (`ce_source`), e.g. `maestro/management-api`. */
  readonly source: string;
  /** The scheduler name the event is about (`ce_subject`); also the Kafka message key. */
  readonly subject: string;
  /** When it happened, ISO-8601 (`ce_time`). */
  readonly time: string;
  readonly data: TData;
}

export const cloudEventsSpecVersion = '1.0';

export type CloudEventHeaders = Record<
  | 'ce_id'
  | 'ce_type'
  | 'ce_source'
  | 'ce_subject'
  | 'ce_time'
  | 'ce_specversion'
  | 'ce_schemaversion'
  | 'content-type',
  string
>;

export function toCloudEventHeaders(envelope: EventEnvelope): CloudEventHeaders {
  return {
    ce_id: envelope.id,
    ce_type: envelope.type,
    ce_source: envelope.source,
    ce_subject: envelope.subject,
    ce_time: envelope.time,
    ce_specversion: cloudEventsSpecVersion,
    ce_schemaversion: String(envelope.schemaVersion),
    'content-type': 'application/json',
  };
}

/** Rebuilds an envelope from Kafka headers and payload; undefined when a required attribute is missing. */
export function fromCloudEventHeaders(
  headers: Partial<Record<string, string>>,
  data: unknown,
): EventEnvelope | undefined {
  const { ce_id, ce_type, ce_source, ce_subject, ce_time, ce_schemaversion } = headers;
  if (!ce_id || !ce_type || !ce_source || !ce_subject || !ce_time || !ce_schemaversion) return undefined;
  const schemaVersion = Number(ce_schemaversion);
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) return undefined;
  return {
    id: ce_id,
    type: ce_type,
    source: ce_source,
    subject: ce_subject,
    time: ce_time,
    schemaVersion,
    data,
  };
}
