import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, pingStatusField, roomIdField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';

export const roomPingedV1 = defineEvent({
  type: 'RoomPinged',
  version: 1,
  topic: topics.roomPings,
  description:
    'A game room reported its state (PUT /scheduler/{s}/rooms/{room}/ping). Telemetry, not stored in the event store; the worker folds it into room status.',
  schema: z.object({
    schedulerName: schedulerNameField,
    roomId: roomIdField,
    status: pingStatusField,
    /** Matches running in the room; an `occupied` ping without it counts as 1. */
    runningMatches: z.number().int().min(0),
    metadata: z.record(z.string(), z.unknown()),
    /** Server time of receipt: Maestro ignores the room's own timestamp for liveness. */
    receivedAt: instantField,
    /** The room's own timestamp, as sent (number or string), for consumers that want it. */
    roomTimestamp: z.string().optional(),
  }),
});
