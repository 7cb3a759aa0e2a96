import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';
import { operationIdField } from './operation-fields';

export const operationCancellationRequestedV1 = defineEvent({
  type: 'OperationCancellationRequested',
  version: 1,
  topic: topics.schedulerEvents,
  description:
    'A client asked to cancel a running operation (POST …/operations/{id}/cancel). The worker running it stops it, rolls it back and ends it `canceled`.',
  schema: z.object({
    operationId: operationIdField,
    schedulerName: schedulerNameField,
    requestedAt: instantField,
  }),
});
