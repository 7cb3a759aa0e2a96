import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Readable } from 'node:stream';
import { repoRoot } from './repo-root';

export type AppName = 'management-api' | 'room-ping-ingest' | 'worker';

/** One of the apps running as its own process from its build output, as in production. */
export interface AppProcess {
  readonly name: AppName;
  /** Base URL, e.g. http://127.0.0.1:43117 */
  readonly url: string;
  /** Every JSON log line the process wrote so far. */
  readonly logs: Record<string, unknown>[];
  /** SIGTERM, then SIGKILL after a grace period; resolves with the exit code or signal. */
  stop(): Promise<number | string>;
  /** SIGKILL at once: a crash. */
  kill(): Promise<number | string>;
}

/**
 * Starts an app (`apps/<name>/dist/main.js`, so build first) on a free port and resolves once it
 * logged that it listens. Fails with the app's own output if it exits or stays silent.
 */
export async function startApp(
  name: AppName,
  env: Record<string, string>,
  { startupTimeoutMs = 30_000 } = {},
): Promise<AppProcess> {
  const child = spawn(process.execPath, [join(repoRoot(), 'apps', name, 'dist', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const rawOutput: string[] = [];
  const exited = new Promise<number | string>((resolveExit) => {
    child.once('exit', (code, signal) => {
      resolveExit(code ?? signal ?? 'unknown');
    });
  });

  const url = await new Promise<string>((resolveUrl, rejectUrl) => {
    const timer = setTimeout(() => {
      rejectUrl(new Error(`${name} did not start within ${startupTimeoutMs} ms:\n${rawOutput.join('\n')}`));
    }, startupTimeoutMs);
    collectLines(child, (line) => {
      rawOutput.push(line);
      const entry = parseJson(line);
      if (!entry) return;
      logs.push(entry);
      if (typeof entry.url === 'string' && entry.context === 'Bootstrap') {
        clearTimeout(timer);
        resolveUrl(entry.url);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rejectUrl(new Error(`${name} exited with ${code} during startup:\n${rawOutput.join('\n')}`));
    });
  });

  const terminate = async (signal: NodeJS.Signals, graceMs: number): Promise<number | string> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const outcome = await exited;
    clearTimeout(timer);
    return outcome;
  };

  return {
    name,
    url,
    logs,
    stop: () => terminate('SIGTERM', 10_000),
    kill: () => terminate('SIGKILL', 0),
  };
}

function collectLines(
  child: ChildProcessByStdio<null, Readable, Readable>,
  onLine: (line: string) => void,
): void {
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', onLine);
  }
}

function parseJson(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
