import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';
import { operationIdField } from './operation-fields';

export const operationStartedV1 = defineEvent({
  type: 'OperationStarted',
  version: 1,
  topic: topics.schedulerEvents,
  description: 'A worker took a pending operation and runs it (status `in_progress`).',
  schema: z.object({
    operationId: operationIdField,
    schedulerName: schedulerNameField,
    startedAt: instantField,
  }),
});
