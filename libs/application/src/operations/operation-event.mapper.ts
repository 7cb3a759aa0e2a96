import {
  operationCancellationRequestedV1,
  operationCreatedV1,
  operationFinishedV1,
  operationProgressedV1,
  operationStartedV1,
} from '@maestro/contracts';
import {
  evolveOperationQueue,
  initialOperationQueueState,
  type OperationEvent,
  type OperationQueueState,
} from '@maestro/domain';
import { type StreamCodec } from '../event-sourcing/decided-stream';
import { type NewEvent, type RecordedEvent } from '../ports/event-store.port';

const definitions = {
  OperationCreated: operationCreatedV1,
  OperationStarted: operationStartedV1,
  OperationProgressed: operationProgressedV1,
  OperationCancellationRequested: operationCancellationRequestedV1,
  OperationFinished: operationFinishedV1,
} as const;

/** The operation event a stored or consumed event stands for; undefined for anything else. */
export function toOperationEvent(
  type: string,
  schemaVersion: number,
  data: unknown,
): OperationEvent | undefined {
  if (schemaVersion !== 1 || !(type in definitions)) return undefined;
  const eventType = type as keyof typeof definitions;
  // Each schema parses exactly the payload of its own type, so the pair is a valid OperationEvent.
  return { type: eventType, data: definitions[eventType].schema.parse(data) } as OperationEvent;
}

export function toNewOperationEvent(event: OperationEvent, eventId: string, source: string): NewEvent {
  return {
    eventId,
    type: event.type,
    schemaVersion: 1,
    data: { ...event.data },
    metadata: { subject: event.data.schedulerName, source },
  };
}

/** Stream `operations:<scheduler>` folded into the scheduler's operation queue. */
export function operationStreamCodec(source: string): StreamCodec<OperationQueueState, OperationEvent> {
  return {
    initialState: (streamId) => initialOperationQueueState(streamId.slice('operations:'.length)),
    evolve: evolveOperationQueue,
    decode: (event: RecordedEvent) => toOperationEvent(event.type, event.schemaVersion, event.data),
    encode: (event, eventId) => toNewOperationEvent(event, eventId, source),
  };
}
