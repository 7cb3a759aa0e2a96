export { topics, allTopics, type Topic } from './topics';
export {
  cloudEventsSpecVersion,
  fromCloudEventHeaders,
  toCloudEventHeaders,
  type CloudEventHeaders,
  type EventEnvelope,
} from './envelope';
export { defineEvent, type EventData, type EventDefinition } from './events/define-event';
export {
  instanceStatusField,
  instantField,
  pingStatusField,
  roomPortField,
  roomStatusField,
} from './events/common';
export { eventCatalogue, findEventDefinition } from './events/catalogue';
export { roomPingedV1 } from './events/room/room-pinged.v1';
export { roomCreatedV1 } from './events/room/room-created.v1';
export { roomStatusChangedV1 } from './events/room/room-status-changed.v1';
export { roomDeletedV1, roomDeletionReasons } from './events/room/room-deleted.v1';
export { schedulerCreatedV1 } from './events/scheduler/scheduler-created.v1';
