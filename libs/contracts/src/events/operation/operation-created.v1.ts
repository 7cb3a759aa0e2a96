import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';
import { operationDefinitionNameField, operationIdField } from './operation-fields';

export const operationCreatedV1 = defineEvent({
  type: 'OperationCreated',
  version: 1,
  topic: topics.schedulerEvents,
  description:
    'An operation was queued for a scheduler (status `pending`). A scheduler runs its operations one at a time, in the order they were created.',
  schema: z.object({
    operationId: operationIdField,
    schedulerName: schedulerNameField,
    definitionName: operationDefinitionNameField,
    /** What the operation works on, e.g. `{"newActiveVersion": "v1.1.0"}`. */
    input: z.record(z.string(), z.unknown()),
    createdAt: instantField,
  }),
});
