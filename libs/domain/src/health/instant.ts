/**
 * A point in time as callers hold it: an ISO-8601 string (as events carry it) or epoch
 * milliseconds (as clocks and timers use it). The domain never reads a clock; time comes in.
 */
export type Instant = string | number;

export function toEpochMs(instant: Instant): number {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${String(instant)}`);
  return ms;
}

export function toIsoString(instant: Instant): string {
  return new Date(toEpochMs(instant)).toISOString();
}
