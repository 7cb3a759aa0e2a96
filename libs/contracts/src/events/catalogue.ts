import { type EventDefinition } from './define-event';
import { roomAddressAssignedV1 } from './room/room-address-assigned.v1';
import { roomAllocatedV1 } from './room/room-allocated.v1';
import { roomCreatedV1 } from './room/room-created.v1';
import { roomDeletedV1 } from './room/room-deleted.v1';
import { roomPingedV1 } from './room/room-pinged.v1';
import { roomStatusChangedV1 } from './room/room-status-changed.v1';
import { operationCancellationRequestedV1 } from './operation/operation-cancellation-requested.v1';
import { operationCreatedV1 } from './operation/operation-created.v1';
import { operationFinishedV1 } from './operation/operation-finished.v1';
import { operationProgressedV1 } from './operation/operation-progressed.v1';
import { operationStartedV1 } from './operation/operation-started.v1';
import { activeVersionSwitchedV1 } from './scheduler/active-version-switched.v1';
import { schedulerCreatedV1 } from './scheduler/scheduler-created.v1';
import { scalingDecidedV1 } from './scheduler/scaling-decided.v1';
import { schedulerDeletedV1 } from './scheduler/scheduler-deleted.v1';
import { schedulerStateChangedV1 } from './scheduler/scheduler-state-changed.v1';
import { schedulerVersionCreatedV1 } from './scheduler/scheduler-version-created.v1';

/**
 * Every published event definition. docs/events.md is checked against this list, and consumers
 * look schemas up here by `(type, version)`.
 */
export const eventCatalogue: readonly EventDefinition[] = [
  roomPingedV1,
  roomCreatedV1,
  roomStatusChangedV1,
  roomDeletedV1,
  roomAddressAssignedV1,
  roomAllocatedV1,
  schedulerCreatedV1,
  schedulerVersionCreatedV1,
  activeVersionSwitchedV1,
  schedulerStateChangedV1,
  schedulerDeletedV1,
  scalingDecidedV1,
  operationCreatedV1,
  operationStartedV1,
  operationProgressedV1,
  operationCancellationRequestedV1,
  operationFinishedV1,
];

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return eventCatalogue.find((definition) => definition.type === type && definition.version === version);
}
