/** Why a body was refused; the edge answers 400 with Maestro's error body and this message. */
export class InvalidRoomEventRequest {
  constructor(readonly message: string) {}
}

/** The fields of the rooms API's event bodies (`roomevent`, `playerevent`, `status`), decoded. */
export interface RoomEventRequestBody {
  /** `event` of room and player events; empty when absent. */
  readonly event: string;
  /** `status` of the deprecated status route; empty when absent. */
  readonly status: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

const integerText = /^-?\d+$/;

/**
 * Decodes an event body as Maestro's gateway does (protobuf JSON): JSON whatever the Content-Type,
 * unknown fields ignored, `null` meaning absent, an empty body an empty message; `event` and
 * `status` are strings, `timestamp` and `runningMatches` int64 (number or string, read and not
 * used), `metadata` an object. A wrong JSON type is a 400, as the gateway refuses it before
 * Maestro's handler runs.
 */
export function parseRoomEventRequest(
  rawBody: string | undefined,
): RoomEventRequestBody | InvalidRoomEventRequest {
  let body: unknown = {};
  if (rawBody !== undefined && rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody);
    } catch (error) {
      return new InvalidRoomEventRequest(`request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return new InvalidRoomEventRequest('request body must be a JSON object');
  }
  const fields = body as Record<string, unknown>;

  const event = fields.event ?? '';
  if (typeof event !== 'string') return wrongType('string', 'event', event);
  const status = fields.status ?? '';
  if (typeof status !== 'string') return wrongType('string', 'status', status);
  for (const name of ['timestamp', 'runningMatches', 'running_matches']) {
    const value = fields[name] ?? undefined;
    if (value === undefined) continue;
    const isInt64 =
      (typeof value === 'number' && Number.isInteger(value)) ||
      (typeof value === 'string' && integerText.test(value));
    if (!isInt64) return wrongType('int64', name, value);
  }
  const metadata = fields.metadata ?? {};
  if (typeof metadata !== 'object' || Array.isArray(metadata)) {
    return wrongType('google.protobuf.Struct', 'metadata', metadata);
  }
  return { event, status, metadata: metadata as Record<string, unknown> };
}

function wrongType(type: string, field: string, value: unknown): InvalidRoomEventRequest {
  return new InvalidRoomEventRequest(`invalid value for ${type} field ${field}: ${JSON.stringify(value)}`);
}
