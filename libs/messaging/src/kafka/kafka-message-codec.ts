import { type IncomingMessage, type OutgoingMessage } from '@maestro/application';
import { fromCloudEventHeaders, toCloudEventHeaders } from '@maestro/contracts';
import { type IHeaders, type KafkaMessage, type Message } from 'kafkajs';
import { describeError } from '../messaging-log';

/** Binary content mode: the payload is the event's data as JSON, the CloudEvents attributes are headers. */
export function encodeMessage(message: OutgoingMessage): Message {
  return {
    key: message.key,
    value: JSON.stringify(message.envelope.data ?? null),
    headers: { ...toCloudEventHeaders(message.envelope) },
  };
}

export type DecodedMessage =
  { readonly ok: true; readonly message: IncomingMessage } | { readonly ok: false; readonly reason: string };

/** Rebuilds the envelope of a consumed message, or says why it cannot. */
export function decodeMessage(topic: string, partition: number, raw: KafkaMessage): DecodedMessage {
  if (raw.value === null) return { ok: false, reason: 'message has no payload' };
  let data: unknown;
  try {
    data = JSON.parse(raw.value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `payload is not JSON: ${describeError(error)}` };
  }
  const envelope = fromCloudEventHeaders(headersAsStrings(raw.headers), data);
  if (!envelope) return { ok: false, reason: 'CloudEvents headers are missing or invalid' };
  return {
    ok: true,
    message: {
      topic,
      partition,
      offset: raw.offset,
      // Producers always key by scheduler name; the subject says the same thing when a key is missing.
      key: raw.key?.toString('utf8') ?? envelope.subject,
      envelope,
    },
  };
}

function headersAsStrings(headers: IHeaders | undefined): Partial<Record<string, string>> {
  const values: Partial<Record<string, string>> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) values[name] = first.toString();
  }
  return values;
}
