import { z } from 'zod';
import { InvalidRequestError } from '../http/invalid-request.error';

/**
 * Decoding of request bodies the way Maestro's gRPC gateway (protojson) does it, as zod schemas:
 * each field accepts its lowerCamelCase JSON name or its snake_case proto name, unknown fields are
 * ignored, `null` or an absent field is the field's zero value (an absent message is `null`), and a
 * value of the wrong JSON type is refused with protojson's wording.
 */

const int32Range = { min: -2_147_483_648, max: 2_147_483_647 } as const;
/** The largest google.protobuf.Duration: 10 000 years. */
const maxDurationSeconds = 315_576_000_000;

/** `{field}` is replaced by the JSON name of the field at fault when the error is reported. */
function refuse(kind: string, value: unknown, context: z.RefinementCtx): never {
  context.addIssue({
    code: 'custom',
    message: `invalid value for ${kind} field {field}: ${JSON.stringify(value)}`,
  });
  return z.NEVER;
}

const isAbsent = (value: unknown): value is null | undefined => value === null || value === undefined;

export const protoString = () =>
  z.unknown().transform((value, context): string => {
    if (isAbsent(value)) return '';
    return typeof value === 'string' ? value : refuse('string', value, context);
  });

export const protoBool = () =>
  z.unknown().transform((value, context): boolean => {
    if (isAbsent(value)) return false;
    return typeof value === 'boolean' ? value : refuse('bool', value, context);
  });

/** A JSON number, or a string holding one (protojson accepts both for every integer type). */
function integerFrom(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

export const protoInt32 = () =>
  z.unknown().transform((value, context): number => {
    if (isAbsent(value)) return 0;
    const number = integerFrom(value);
    return number !== undefined && number >= int32Range.min && number <= int32Range.max
      ? number
      : refuse('int32', value, context);
  });

/** int64 travels as a string in responses; values beyond 2^53 cannot be held and are refused. */
export const protoInt64 = () =>
  z.unknown().transform((value, context): number => {
    if (isAbsent(value)) return 0;
    const number = integerFrom(value);
    return number !== undefined && Number.isSafeInteger(number) ? number : refuse('int64', value, context);
  });

export const protoFloat = () =>
  z.unknown().transform((value, context): number => {
    if (isAbsent(value)) return 0;
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof number === 'number' && Number.isFinite(number) ? number : refuse('float', value, context);
  });

/** google.protobuf.Duration: a string of seconds with up to 9 decimals and an `s`, e.g. `"100s"`. */
export const protoDuration = () =>
  z.unknown().transform((value, context): number => {
    if (isAbsent(value)) return 0;
    const match = typeof value === 'string' ? /^(-?\d+)(?:\.(\d{1,9}))?s$/.exec(value) : null;
    if (!match) return refuse('google.protobuf.Duration', value, context);
    const seconds = Number(`${match[1] ?? '0'}.${match[2] ?? '0'}`);
    return Math.abs(seconds) <= maxDurationSeconds
      ? seconds
      : refuse('google.protobuf.Duration', value, context);
  });

export const protoRepeated = <T extends z.ZodType>(item: T) =>
  z
    .unknown()
    .transform((value, context): unknown[] => {
      if (isAbsent(value)) return [];
      if (!Array.isArray(value) || value.some(isAbsent)) return refuse('repeated', value, context);
      return value as unknown[];
    })
    .pipe(z.array(item));

/** map<string, string>: a JSON object of strings, copied key by key (no prototype games). */
export const protoStringMap = () =>
  z.unknown().transform((value, context): Record<string, string> => {
    if (isAbsent(value)) return {};
    if (!isPlainObject(value) || Object.values(value).some((entry) => typeof entry !== 'string')) {
      return refuse('map', value, context);
    }
    return Object.fromEntries(Object.entries(value as Record<string, string>));
  });

/** google.protobuf.Struct: any JSON object. */
export const protoStruct = () =>
  z.unknown().transform((value, context): Record<string, unknown> => {
    if (isAbsent(value)) return {};
    return isPlainObject(value)
      ? Object.fromEntries(Object.entries(value))
      : refuse('google.protobuf.Struct', value, context);
  });

/** A message: `null` when absent, else its fields decoded (under either name). */
export const protoMessage = <TShape extends z.ZodRawShape>(shape: TShape) => {
  const fields = Object.keys(shape);
  return z.preprocess((value, context) => {
    if (isAbsent(value)) return null;
    if (!isPlainObject(value)) return refuse('message', value, context);
    // Every known field present (absent ones as null, the zero value), unknown ones dropped.
    const decoded: Record<string, unknown> = Object.fromEntries(fields.map((field) => [field, null]));
    const seen = new Set<string>();
    for (const [key, fieldValue] of Object.entries(value)) {
      const field = fields.includes(key) ? key : snakeToCamel(key);
      if (!fields.includes(field)) continue;
      if (seen.has(field)) {
        context.addIssue({ code: 'custom', message: `duplicate field ${field}` });
        return z.NEVER;
      }
      seen.add(field);
      decoded[field] = fieldValue;
    }
    return decoded;
  }, z.object(shape).nullable());
};

/**
 * Decodes a request body; an unparsable one is an `InvalidRequestError` whose message names the
 * field like protojson does (`proto: invalid value for string field maxSurge: 40`).
 */
export function decodeRequestBody<T extends z.ZodType>(schema: T, body: unknown): NonNullable<z.infer<T>> {
  if (body !== undefined && !isPlainObject(body)) {
    throw new InvalidRequestError('proto: the request body must be a JSON object');
  }
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const [issue] = result.error.issues;
    const field = [...(issue?.path ?? [])].reverse().find((segment) => typeof segment === 'string') ?? 'body';
    throw new InvalidRequestError(`proto: ${(issue?.message ?? 'invalid body').replace('{field}', field)}`);
  }
  return result.data as NonNullable<z.infer<T>>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
