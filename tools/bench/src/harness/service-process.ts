import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { type Readable } from 'node:stream';

export interface ServiceStart {
  /** Short name for progress lines, e.g. `room-ping-ingest`. */
  readonly label: string;
  /** Compiled entry point, e.g. apps/room-ping-ingest/dist/main.js. */
  readonly script: string;
  readonly env: Readonly<Record<string, string>>;
  /** Node flags, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  readonly startupTimeoutMs?: number;
}

/** Output lines kept for the error message when a service fails. */
const keptLines = 200;

/**
 * One of the project's services running from its build output as in production (the way
 * libs/testing's startApp starts them), with its pid known so that its CPU time and memory can
 * be read from /proc. Resolves once the service logged that it listens.
 */
export class ServiceProcess {
  private exit: string | undefined;

  private constructor(
    readonly label: string,
    private readonly child: ChildProcessByStdio<null, Readable, Readable>,
    readonly url: string,
    private readonly output: string[],
    private readonly exited: Promise<void>,
  ) {
    void exited.then(() => {
      this.exit = `exited (${String(child.exitCode ?? child.signalCode)})`;
    });
  }

  static async start(options: ServiceStart): Promise<ServiceProcess> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], {
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => {
        resolve();
      });
    });
    const timeoutMs = options.startupTimeoutMs ?? 60_000;
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${options.label} did not listen within ${timeoutMs} ms:\n${output.join('\n')}`));
      }, timeoutMs);
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on('line', (line) => {
          output.push(line);
          if (output.length > keptLines) output.shift();
          const listening = listeningUrl(line);
          if (listening) {
            clearTimeout(timer);
            resolve(listening);
          }
        });
      }
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${options.label} stopped during start-up:\n${output.join('\n')}`));
      });
    });
    return new ServiceProcess(options.label, child, url, output, exited);
  }

  get pid(): number {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error(`${this.label} has no pid`);
    return pid;
  }

  /** Why the process ended while it should still be serving; undefined while it runs. */
  get exitReason(): string | undefined {
    return this.exit;
  }

  /** The last lines the service wrote, for diagnosis. */
  recentOutput(): string {
    return this.output.join('\n');
  }

  /** SIGTERM (a graceful shutdown: --cpu-prof writes its profile then), SIGKILL after the grace period. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** The URL in a service's `"<service> listening"` log line (context Bootstrap), if this is that line. */
function listeningUrl(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { url?: unknown; context?: unknown };
    return entry.context === 'Bootstrap' && typeof entry.url === 'string' ? entry.url : undefined;
  } catch {
    return undefined;
  }
}
