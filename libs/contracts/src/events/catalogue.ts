import { type EventDefinition } from './define-event';
import { roomCreatedV1 } from './room/room-created.v1';
import { roomDeletedV1 } from './room/room-deleted.v1';
import { roomPingedV1 } from './room/room-pinged.v1';
import { roomStatusChangedV1 } from './room/room-status-changed.v1';
import { schedulerCreatedV1 } from './scheduler/scheduler-created.v1';

/**
 * Every published event definition. docs/events.md is checked against this list, and consumers
 * look schemas up here by `(type, version)`.
 */
export const eventCatalogue: readonly EventDefinition[] = [
  roomPingedV1,
  roomCreatedV1,
  roomStatusChangedV1,
  roomDeletedV1,
  schedulerCreatedV1,
];

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return eventCatalogue.find((definition) => definition.type === type && definition.version === version);
}
