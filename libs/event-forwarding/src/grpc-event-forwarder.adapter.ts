import * as grpc from '@grpc/grpc-js';
import {
  EventForwarder,
  type ForwardedRoom,
  type ForwardingResult,
  type RoomEventToForward,
} from '@maestro/application';
import { type Forwarder } from '@maestro/domain';
import { buildForwarderCall, type ForwarderCall } from './forwarder-messages';
import { forwardInTurn, type CallOutcome, responseCodeName } from './forwarding-attempts';
import { forwarderMethod } from './forwarder-service';

export interface GrpcEventForwarderOptions {
  /** Idle time before a keepalive ping on a connection with calls in flight (Maestro: 30 s). */
  readonly keepaliveTimeMs: number;
  /** How long a keepalive ping may go unanswered before the connection is dropped (Maestro: 5 s). */
  readonly keepaliveTimeoutMs: number;
}

const defaults: GrpcEventForwarderOptions = { keepaliveTimeMs: 30_000, keepaliveTimeoutMs: 5_000 };

/**
 * Forwards over gRPC to Maestro's `eventforwarder.GRPCForwarder` service: one cached, insecure,
 * round-robin channel per forwarder address, each call bounded by the forwarder's
 * `options.timeout`. A transport failure (unreachable, deadline exceeded, an error status) fails
 * the forwarding; any `Response` counts as delivered, whatever its `code`, as in Maestro.
 */
export class GrpcEventForwarder extends EventForwarder {
  private readonly clients = new Map<string, grpc.Client>();
  private readonly options: GrpcEventForwarderOptions;

  constructor(options: Partial<GrpcEventForwarderOptions> = {}) {
    super();
    this.options = { ...defaults, ...options };
  }

  forward(
    forwarders: readonly Forwarder[],
    room: ForwardedRoom,
    event: RoomEventToForward,
  ): Promise<ForwardingResult> {
    return forwardInTurn(forwarders, (forwarder) => this.callForwarder(forwarder, room, event));
  }

  /** Closes every channel; calls after this open new ones. */
  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  /** Nest calls this on shutdown when the adapter is a provider. */
  onApplicationShutdown(): void {
    this.close();
  }

  private async callForwarder(
    forwarder: Forwarder,
    room: ForwardedRoom,
    event: RoomEventToForward,
  ): Promise<CallOutcome> {
    const call = buildForwarderCall(forwarder, room, event);
    if ('problem' in call) return { delivered: false, code: 'NO_PORT', message: call.message };
    try {
      const responseCode = await this.send(forwarder.address, call, forwarder.options.timeoutMs);
      return { delivered: true, code: responseCodeName(responseCode) };
    } catch (error) {
      return {
        delivered: false,
        code: statusName(error),
        message: `failed to forward event room at "${forwarder.name}": ${describe(error)}`,
      };
    }
  }

  /** Resolves with the forwarder's `Response.code`. */
  private send(address: string, call: ForwarderCall, timeoutMs: number): Promise<number> {
    const method = forwarderMethod(call.rpc);
    const client = this.clientFor(address);
    return new Promise((resolve, reject) => {
      client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        call.message,
        new grpc.Metadata(),
        { deadline: Date.now() + timeoutMs },
        (error, response) => {
          if (error) reject(error);
          else resolve(responseCode(response));
        },
      );
    });
  }

  private clientFor(address: string): grpc.Client {
    let client = this.clients.get(address);
    if (!client) {
      client = new grpc.Client(address, grpc.credentials.createInsecure(), {
        'grpc.keepalive_time_ms': this.options.keepaliveTimeMs,
        'grpc.keepalive_timeout_ms': this.options.keepaliveTimeoutMs,
        'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
      });
      this.clients.set(address, client);
    }
    return client;
  }
}

function responseCode(response: object | undefined): number {
  const code = response && 'code' in response ? response.code : undefined;
  return typeof code === 'number' ? code : 0;
}

/** `UNAVAILABLE`, `DEADLINE_EXCEEDED`, … for a gRPC error; `UNKNOWN` for anything else. */
function statusName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number') {
    const name = grpc.status[error.code];
    if (typeof name === 'string') return name;
  }
  return 'UNKNOWN';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
