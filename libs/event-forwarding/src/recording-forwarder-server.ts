import * as grpc from '@grpc/grpc-js';
import { type ForwarderRpc, type ReceivedForwarderCall } from './forwarder-messages';
import { forwarderServiceDefinition } from './forwarder-service';

export interface RecordingForwarderServerOptions {
  /** `Response.code` of every answer (default 200). */
  readonly responseCode?: number;
  /** Never answer: every call runs into its deadline. */
  readonly silent?: boolean;
}

const recordedRpcs: readonly ForwarderRpc[] = [
  'SendRoomResync',
  'SendRoomStatus',
  'SendRoomEvent',
  'SendPlayerEvent',
];

/**
 * A real `eventforwarder.GRPCForwarder` server on 127.0.0.1 (a port the OS picks) that records every
 * call it receives, with the deadline its caller set: what tests point a scheduler's forwarder at,
 * and a sink to watch what Maestro forwards on a laptop.
 */
export class RecordingForwarderServer {
  private readonly received: ReceivedForwarderCall[] = [];

  private constructor(
    private readonly server: grpc.Server,
    /** `127.0.0.1:<port>`: a forwarder's `address`. */
    readonly address: string,
  ) {}

  static async start(options: RecordingForwarderServerOptions = {}): Promise<RecordingForwarderServer> {
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, boundPort) => {
        if (error) reject(error);
        else resolve(boundPort);
      });
    });
    const recorder = new RecordingForwarderServer(server, `127.0.0.1:${port}`);
    server.addService(forwarderServiceDefinition(), recorder.handlers(options));
    return recorder;
  }

  /** Every recorded call, oldest first. */
  get calls(): readonly ReceivedForwarderCall[] {
    return this.received;
  }

  callsOf<TRpc extends ForwarderRpc>(rpc: TRpc): (ReceivedForwarderCall & { readonly rpc: TRpc })[] {
    return this.received.filter(
      (call): call is ReceivedForwarderCall & { readonly rpc: TRpc } => call.rpc === rpc,
    );
  }

  /** Stops at once, cancelling calls still waiting for an answer. */
  stop(): Promise<void> {
    this.server.forceShutdown();
    return Promise.resolve();
  }

  private handlers(options: RecordingForwarderServerOptions): grpc.UntypedServiceImplementation {
    const handlers: grpc.UntypedServiceImplementation = {};
    for (const rpc of recordedRpcs) {
      const handler: grpc.handleUnaryCall<object, object> = (call, callback) => {
        // The message is what proto-loader decoded from the wire for this RPC's request type.
        this.received.push({
          rpc,
          message: call.request,
          deadlineMs: remainingMs(call.getDeadline()),
        } as ReceivedForwarderCall);
        if (options.silent) return;
        callback(null, { code: options.responseCode ?? 200, message: 'recorded' });
      };
      handlers[rpc] = handler;
    }
    return handlers;
  }
}

function remainingMs(deadline: grpc.Deadline): number | undefined {
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(at) ? at - Date.now() : undefined;
}
