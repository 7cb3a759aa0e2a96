import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, roomIdField, roomPortField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';

export const roomAddressAssignedV1 = defineEvent({
  type: 'RoomAddressAssigned',
  version: 1,
  topic: topics.roomEvents,
  description:
    "The runtime placed a room's instance: the address clients reach it at (node address and host ports). Appended by the worker when it first sees the address, and again if it changes.",
  schema: z.object({
    schedulerName: schedulerNameField,
    roomId: roomIdField,
    /** The node's address (Kubernetes: ExternalDNS, else ExternalIP, InternalDNS, InternalIP). */
    host: z.string().min(1),
    /** The room's ports as clients reach them: `port` is the host port. */
    ports: z.array(roomPortField),
    assignedAt: instantField,
  }),
});
