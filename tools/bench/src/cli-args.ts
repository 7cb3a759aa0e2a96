import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type RunSettings } from './harness/benchmark';

export const defaultSettings: RunSettings = {
  durationSeconds: 10,
  connections: 50,
  rounds: 3,
  warmupSeconds: 3,
};

export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly names: readonly string[]; readonly settings: RunSettings };

export class UsageError extends Error {}

export function usage(available: readonly { name: string; description: string }[]): string {
  return [
    'usage: tools/bench/run.sh [name…] [--duration S] [--connections N] [--rounds N] [--warmup S] [--rooms N] [--rate N] [--scale-rooms N] [--compare-with F] [--profile] [--worker-heap-mib N] [--load-via http|kafka]',
    '',
    'Runs the named benchmarks (default: all), writes bench/results/<name>-<YYYY-MM-DD>.json and prints',
    'a Markdown table for the README. Figures are ratios against a baseline measured in the same run.',
    '',
    `  --duration S      seconds of load per server and round (default ${defaultSettings.durationSeconds})`,
    `  --connections N   concurrent connections (default ${defaultSettings.connections}); ping-ingest takes a list, e.g. 50,500`,
    `  --rounds N        measured rounds per server, alternating A and B (default ${defaultSettings.rounds})`,
    `  --warmup S        seconds of unmeasured load per server first, 0 for none (default ${defaultSettings.warmupSeconds})`,
    '  --rooms N         rooms to ping, for the benchmarks that ping rooms (each has its own default)',
    '  --rate N          pings per second, for ping-lag (default 10,000)',
    "  --scale-rooms N   rooms the worker tracks for ping-lag's memory figure (default 100,000; 0 skips it)",
    '  --compare-with F  ping-ingest: also measure another build of room-ping-ingest (its dist/main.js), same rounds',
    '  --profile         profile the service under test (ping-lag: the worker during the load); the results file says where the time went',
    "  --worker-heap-mib N  ping-lag: the worker's V8 old-space limit, as a container memory limit would set it",
    '  --load-via W      ping-lag: http (through room-ping-ingest, default) or kafka (pings published straight to room-pings)',
    '',
    'benchmarks:',
    ...available.map(({ name, description }) => `  ${name.padEnd(16)}  ${description}`),
  ].join('\n');
}

export function parseCliArgs(args: readonly string[], known: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        duration: { type: 'string' },
        connections: { type: 'string' },
        rounds: { type: 'string' },
        warmup: { type: 'string' },
        rooms: { type: 'string' },
        rate: { type: 'string' },
        'scale-rooms': { type: 'string' },
        profile: { type: 'boolean' },
        'compare-with': { type: 'string' },
        'worker-heap-mib': { type: 'string' },
        'load-via': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const unknown = positionals.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`unknown benchmark ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  return {
    kind: 'run',
    names: positionals.length > 0 ? [...new Set(positionals)] : known,
    settings: {
      durationSeconds: number('--duration', values.duration, defaultSettings.durationSeconds, { min: 1 }),
      ...connectionsOf(values.connections),
      rounds: number('--rounds', values.rounds, defaultSettings.rounds, { min: 1, integer: true }),
      warmupSeconds: number('--warmup', values.warmup, defaultSettings.warmupSeconds, { min: 0 }),
      ...(values.rooms === undefined
        ? {}
        : { rooms: number('--rooms', values.rooms, 0, { min: 1, integer: true }) }),
      ...(values.rate === undefined ? {} : { rate: number('--rate', values.rate, 0, { min: 1 }) }),
      ...(values['scale-rooms'] === undefined
        ? {}
        : { scaleRooms: number('--scale-rooms', values['scale-rooms'], 0, { min: 0, integer: true }) }),
      ...(values.profile ? { profile: true } : {}),
      ...(values['compare-with'] ? { compareWith: resolve(values['compare-with']) } : {}),
      ...(values['worker-heap-mib'] === undefined
        ? {}
        : {
            workerHeapMiB: number('--worker-heap-mib', values['worker-heap-mib'], 0, {
              min: 64,
              integer: true,
            }),
          }),
      ...loadViaOf(values['load-via']),
    },
  };
}

function loadViaOf(text: string | undefined): Pick<RunSettings, 'loadVia'> {
  if (text === undefined) return {};
  if (text !== 'http' && text !== 'kafka')
    throw new UsageError(`--load-via takes http or kafka, not "${text}"`);
  return { loadVia: text };
}

function connectionsOf(text: string | undefined): Pick<RunSettings, 'connections' | 'connectionCounts'> {
  if (text === undefined) return { connections: defaultSettings.connections };
  const counts = text
    .split(',')
    .map((part) => number('--connections', part, defaultSettings.connections, { min: 1, integer: true }));
  return counts.length > 1
    ? { connections: counts[0] ?? defaultSettings.connections, connectionCounts: counts }
    : { connections: counts[0] ?? defaultSettings.connections };
}

function number(
  flag: string,
  text: string | undefined,
  fallback: number,
  rule: { min: number; integer?: boolean },
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (
    text.trim() === '' ||
    !Number.isFinite(value) ||
    value < rule.min ||
    (rule.integer && !Number.isInteger(value))
  ) {
    throw new UsageError(
      `${flag} takes ${rule.integer ? 'a whole number' : 'a number'} ≥ ${rule.min}, not "${text}"`,
    );
  }
  return value;
}
