import { type RecordRoomPing, type ReportedPingStatus } from '@maestro/application';

/** Why a ping body was refused; the edge answers 400 with Maestro's error body and this message. */
export class InvalidPingRequest {
  constructor(readonly message: string) {}
}

/**
 * Decodes a ping body the way Maestro's gateway does (protobuf JSON, reference §3.1): the body is
 * JSON whatever its Content-Type; `status` is a string, `timestamp` and `runningMatches` (or
 * `running_matches`) are int64 given as a number or a string, `metadata` is an object; unknown
 * fields are ignored, `null` means absent, and an empty body is an empty message. A wrong JSON type
 * fails before the status is checked, as protobuf decoding runs before Maestro looks at the status.
 */
export function parsePingRequest(
  schedulerName: string,
  roomId: string,
  rawBody: string | undefined,
): RecordRoomPing | InvalidPingRequest {
  const body = decodeObject(rawBody);
  if (body instanceof InvalidPingRequest) return body;

  const status = body.status ?? '';
  if (typeof status !== 'string') return wrongType('string', 'status', status);

  const timestamp = body.timestamp ?? undefined;
  let roomTimestamp: string | undefined;
  if (typeof timestamp === 'number' && Number.isInteger(timestamp)) roomTimestamp = String(timestamp);
  else if (typeof timestamp === 'string' && integerText.test(timestamp)) roomTimestamp = timestamp;
  else if (timestamp !== undefined) return wrongType('int64', 'timestamp', timestamp);

  const runningMatches = readRunningMatches(body);
  if (runningMatches instanceof InvalidPingRequest) return runningMatches;

  const metadata = body.metadata ?? {};
  if (typeof metadata !== 'object' || Array.isArray(metadata)) {
    return wrongType('google.protobuf.Struct', 'metadata', metadata);
  }

  if (!isReportedPingStatus(status)) {
    return new InvalidPingRequest(`cannot convert string ${status} to a valid GameRoomStatus representation`);
  }
  return {
    schedulerName,
    roomId,
    status,
    runningMatches,
    metadata: metadata as Record<string, unknown>,
    roomTimestamp,
  };
}

const integerText = /^-?\d+$/;

function decodeObject(rawBody: string | undefined): Record<string, unknown> | InvalidPingRequest {
  if (rawBody === undefined || rawBody.length === 0) return {};
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch (error) {
    return new InvalidPingRequest(`request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return new InvalidPingRequest('request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** `runningMatches` or its proto name `running_matches` (not both): a whole number of matches. */
function readRunningMatches(body: Record<string, unknown>): number | undefined | InvalidPingRequest {
  const camel = body.runningMatches ?? undefined;
  const snake = body.running_matches ?? undefined;
  if (camel !== undefined && snake !== undefined) {
    return new InvalidPingRequest('duplicate field: runningMatches and running_matches');
  }
  const value = camel ?? snake;
  if (value === undefined) return undefined;
  const matches = typeof value === 'string' && integerText.test(value) ? Number(value) : value;
  if (typeof matches !== 'number' || !Number.isSafeInteger(matches)) {
    return wrongType('int64', 'runningMatches', value);
  }
  if (matches < 0) return new InvalidPingRequest(`runningMatches must not be negative, got ${matches}`);
  return matches;
}

function isReportedPingStatus(status: string): status is ReportedPingStatus {
  switch (status) {
    case 'ready':
    case 'occupied':
    case 'terminating':
    case 'terminated':
      return true;
    default:
      return false;
  }
}

function wrongType(type: string, field: string, value: unknown): InvalidPingRequest {
  return new InvalidPingRequest(`invalid value for ${type} field ${field}: ${JSON.stringify(value)}`);
}
