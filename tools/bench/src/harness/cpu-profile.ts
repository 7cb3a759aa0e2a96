import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Progress } from './benchmark';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
}

/** What `node --cpu-prof` writes (the V8 CPU profile format). */
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileEntry {
  readonly name: string;
  /** Share of the profile's busy time (idle left out) spent in it, not counting what it called. */
  readonly selfPercent: number;
}

export interface ProfileSummary {
  readonly file: string;
  /** Sampled time, idle left out, ms. */
  readonly busyMs: number;
  /** Self time by where the code comes from (a package, Node's internals, the repo's libs…). */
  readonly byArea: readonly ProfileEntry[];
  /** Self time of the hottest functions. */
  readonly topFunctions: readonly ProfileEntry[];
}

/** The newest `.cpuprofile` in `dir`, summarised; undefined when there is none. */
export function summariseNewestProfile(dir: string, top = 25): ProfileSummary | undefined {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort();
  const newest = files.at(-1);
  return newest === undefined ? undefined : summariseProfile(join(dir, newest), top);
}

export function summariseProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let busyMicros = 0;
  profile.samples.forEach((id, index) => {
    const node = nodes.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') return;
    busyMicros += delta;
    const fn = functionName(node);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + delta);
    const area = areaOf(node.callFrame.url, node.callFrame.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + delta);
  });
  const entries = (totals: Map<string, number>, limit: number): ProfileEntry[] =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, micros]) => ({
        name,
        selfPercent: Math.round((1000 * micros) / Math.max(1, busyMicros)) / 10,
      }));
  return {
    file,
    busyMs: Math.round(busyMicros / 1000),
    byArea: entries(byArea, 20),
    topFunctions: entries(byFunction, top),
  };
}

function functionName(node: ProfileNode): string {
  const { functionName: name, url, lineNumber } = node.callFrame;
  if (!url) return name || '(anonymous)';
  return `${name || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
}

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const inPackages = path.lastIndexOf('/node_modules/');
  if (inPackages >= 0) return path.slice(inPackages + '/node_modules/'.length);
  const inRepo = /\/(apps|libs|tools)\/.*$/.exec(path);
  return inRepo ? inRepo[0].slice(1) : path;
}

/** A package (`fastify`, `kafkajs`…), `node:internal`, a repo project (`libs/messaging`), or V8's own entries. */
function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const inPackages = path.lastIndexOf('/node_modules/');
  if (inPackages >= 0) {
    const rest = path.slice(inPackages + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? path);
  }
  const inRepo = /\/((?:apps|libs|tools)\/[^/]+)\//.exec(path);
  return inRepo?.[1] ?? path;
}

/** Summarises the newest profile in `dir` and prints its busiest areas as progress lines. */
export function readProfile(dir: string, progress: Progress): ProfileSummary | undefined {
  const profile = summariseNewestProfile(dir);
  if (!profile) {
    progress(`no CPU profile found in ${dir}`);
    return undefined;
  }
  progress(`CPU profile: ${profile.file}`);
  for (const entry of profile.byArea.slice(0, 8))
    progress(`  ${entry.selfPercent.toFixed(1).padStart(5)} %  ${entry.name}`);
  return profile;
}
