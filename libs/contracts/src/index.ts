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
export { roomAddressAssignedV1 } from './events/room/room-address-assigned.v1';
export { roomAllocatedV1 } from './events/room/room-allocated.v1';
export { schedulerCreatedV1 } from './events/scheduler/scheduler-created.v1';
export { schedulerDocumentSchema, schedulerVersionField } from './events/scheduler/scheduler-document';
export { schedulerVersionCreatedV1 } from './events/scheduler/scheduler-version-created.v1';
export { activeVersionSwitchedV1 } from './events/scheduler/active-version-switched.v1';
export { schedulerStateChangedV1 } from './events/scheduler/scheduler-state-changed.v1';
export { schedulerDeletedV1 } from './events/scheduler/scheduler-deleted.v1';
export { scalingDecidedV1 } from './events/scheduler/scaling-decided.v1';
export {
  historyEntryField,
  operationDefinitionNames,
  operationIdField,
} from './events/operation/operation-fields';
export { operationCreatedV1 } from './events/operation/operation-created.v1';
export { operationStartedV1 } from './events/operation/operation-started.v1';
export { operationProgressedV1 } from './events/operation/operation-progressed.v1';
export { operationCancellationRequestedV1 } from './events/operation/operation-cancellation-requested.v1';
export { operationFinalStatuses, operationFinishedV1 } from './events/operation/operation-finished.v1';
