import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { asServerMessage, type CpuSampleMessage, type CpuSampleRequest } from './server-protocol';

const startTimeoutMs = 60_000;
const sampleTimeoutMs = 10_000;
const stopTimeoutMs = 10_000;

export interface CpuSample {
  /** User plus system CPU time of the server process so far, µs. */
  readonly cpuMicros: number;
  /** The server's monotonic clock, µs. */
  readonly atMicros: number;
}

/**
 * A benchmark server in its own Node process (forked from `script`, which calls `serveHarness`),
 * listening on a free loopback port it chose itself.
 */
export class ServerProcess {
  private exit: string | undefined;
  private nextSampleId = 0;

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.once('exit', (code, signal) => {
      this.exit = signal ? `killed by ${signal}` : `exited with code ${String(code)}`;
    });
  }

  static async start(label: string, script: string): Promise<ServerProcess> {
    // execArgv: [] so that the harness's own Node flags (--inspect…) do not reach the server.
    const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        done();
        child.kill('SIGKILL');
        reject(new Error(`${label} did not listen within ${startTimeoutMs / 1000} s`));
      }, startTimeoutMs);
      const onMessage = (raw: unknown): void => {
        const message = asServerMessage(raw);
        if (message?.type !== 'listening') return;
        done();
        resolve(message.port);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        done();
        reject(new Error(`${label} stopped before listening (${signal ?? `exit code ${String(code)}`})`));
      };
      const done = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
    return new ServerProcess(label, child, port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Why the process ended, while it should still be serving; undefined while it runs. */
  get exited(): string | undefined {
    return this.exit;
  }

  async sampleCpu(): Promise<CpuSample> {
    if (this.exit) throw new Error(`${this.label} ${this.exit}`);
    const id = this.nextSampleId++;
    const request: CpuSampleRequest = { type: 'cpu-sample', id };
    const reply = await new Promise<CpuSampleMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.off('message', onMessage);
        reject(new Error(`${this.label} did not report its CPU time within ${sampleTimeoutMs / 1000} s`));
      }, sampleTimeoutMs);
      const onMessage = (raw: unknown): void => {
        const message = asServerMessage(raw);
        if (message?.type !== 'cpu-sample' || message.id !== id) return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(message);
      };
      this.child.on('message', onMessage);
      this.child.send(request);
    });
    return { cpuMicros: reply.userMicros + reply.systemMicros, atMicros: reply.atMicros };
  }

  /** Lets go of the server (it closes when its IPC channel does); kills it if it lingers. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => {
      this.child.once('exit', () => {
        resolve();
      });
    });
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  }
}

/** CPU used between two samples of one server, as a percentage of one core (200 = two cores busy). */
export function cpuPercent(from: CpuSample, to: CpuSample): number {
  const wall = to.atMicros - from.atMicros;
  return wall > 0 ? (100 * (to.cpuMicros - from.cpuMicros)) / wall : Number.NaN;
}

/**
 * The compiled form of a server script beside the calling module: `dir/file` when running from
 * tools/bench/dist, the same place under dist when running from the sources (Jest), so build first.
 */
export function compiledScript(dir: string, file: string): string {
  return join(dir.replace(/([/\\])tools\1bench\1src(?=[/\\]|$)/, '$1tools$1bench$1dist'), file);
}
