export { GrpcEventForwarder, type GrpcEventForwarderOptions } from './grpc-event-forwarder.adapter';
export { InMemoryEventForwarder } from './in-memory-event-forwarder';
export { RecordingForwarderServer, type RecordingForwarderServerOptions } from './recording-forwarder-server';
export { EventForwardingMetrics, type ForwardingCountLabels } from './event-forwarding.metrics';
export {
  buildForwarderCall,
  clientPortName,
  type ForwarderCall,
  type ForwarderRpc,
  type PlayerEventMessage,
  type ReceivedForwarderCall,
  type RoomEventMessage,
  type RoomMessage,
  type RoomStatusMessage,
} from './forwarder-messages';
export { forwarderProtoPath, forwarderServiceName } from './forwarder-service';
