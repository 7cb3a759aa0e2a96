// Messages between the harness and a server it forked (over the child's IPC channel).

/** Server → harness, once: the server accepts connections on 127.0.0.1:port. */
export interface ListeningMessage {
  readonly type: 'listening';
  readonly port: number;
}

/** Harness → server: report your CPU time now. */
export interface CpuSampleRequest {
  readonly type: 'cpu-sample';
  readonly id: number;
}

/** Server → harness: CPU time (user and system, every thread) and a monotonic clock, both in µs. */
export interface CpuSampleMessage {
  readonly type: 'cpu-sample';
  readonly id: number;
  readonly userMicros: number;
  readonly systemMicros: number;
  readonly atMicros: number;
}

export type ServerMessage = ListeningMessage | CpuSampleMessage;

/**
 * Called by a benchmark's server process once it listens: tells the harness its port, answers CPU
 * samples, and calls `close` when the harness lets go of it (the IPC channel closes when the harness
 * stops, exits or dies, so a server never outlives its run).
 */
export function serveHarness(port: number, close: () => Promise<void>): void {
  if (!process.send)
    throw new Error('a benchmark server runs as a child of tools/bench (node:child_process.fork)');
  process.on('message', (message: unknown) => {
    if (!isCpuSampleRequest(message)) return;
    const cpu = process.cpuUsage();
    send({
      type: 'cpu-sample',
      id: message.id,
      userMicros: cpu.user,
      systemMicros: cpu.system,
      atMicros: performance.now() * 1000,
    });
  });
  process.once('disconnect', () => {
    close().catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  });
  send({ type: 'listening', port });
}

/** The message as a ServerMessage, or undefined for anything else arriving on the channel. */
export function asServerMessage(message: unknown): ServerMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const type = (message as { type?: unknown }).type;
  return type === 'listening' || type === 'cpu-sample' ? (message as ServerMessage) : undefined;
}

function isCpuSampleRequest(message: unknown): message is CpuSampleRequest {
  return (
    typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'cpu-sample'
  );
}

function send(message: ServerMessage): void {
  process.send?.(message);
}
