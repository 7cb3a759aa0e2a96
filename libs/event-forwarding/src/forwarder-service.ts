import type * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { join } from 'node:path';
import { type ForwarderRpc } from './forwarder-messages';

/** The hand-written copy of Maestro's forwarder contract; beside `src/` and `dist/` alike. */
export const forwarderProtoPath = join(__dirname, '..', 'proto', 'events.proto');

/** `/eventforwarder.GRPCForwarder/<rpc>`: the path every Maestro forwarder serves. */
export const forwarderServiceName = 'eventforwarder.GRPCForwarder';

// Field names as written in the proto (`roomId`, `statusType`), enums by name, defaults filled in.
const loaderOptions: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};

let loaded: grpc.ServiceDefinition | undefined;

/** The service definition (method paths and (de)serialisers), loaded once from the proto. */
export function forwarderServiceDefinition(): grpc.ServiceDefinition {
  if (!loaded) {
    const definition = protoLoader.loadSync(forwarderProtoPath, loaderOptions);
    const service = definition[forwarderServiceName];
    if (!service || !isServiceDefinition(service)) {
      throw new Error(`${forwarderProtoPath} does not define ${forwarderServiceName}`);
    }
    loaded = service;
  }
  return loaded;
}

/** One RPC's path and (de)serialisers. */
export function forwarderMethod(rpc: ForwarderRpc): grpc.MethodDefinition<object, object> {
  const method: grpc.MethodDefinition<object, object> | undefined = forwarderServiceDefinition()[rpc];
  if (!method) throw new Error(`${forwarderServiceName} has no method ${rpc}`);
  return method;
}

function isServiceDefinition(
  value: protoLoader.AnyDefinition,
): value is protoLoader.ServiceDefinition & grpc.ServiceDefinition {
  return !('format' in value) && Object.values(value).every((method) => 'path' in method);
}
