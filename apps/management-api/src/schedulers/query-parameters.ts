import { InvalidRequestError } from '../http/invalid-request.error';

/**
 * One query parameter as the gateway reads it: absent or empty means unset; a key given twice is
 * refused (a single-valued field cannot hold two values).
 */
export function queryParameter(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw new InvalidRequestError(`too many values for query parameter ${name}`);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
