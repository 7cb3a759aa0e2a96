/** Every scheduler's events live in one stream, `scheduler:<name>`. */
export type SchedulerStreamId = `scheduler:${string}`;

export function schedulerStreamId(schedulerName: string): SchedulerStreamId {
  return `scheduler:${schedulerName}`;
}
