import { z } from 'zod';
import { topics } from '../../topics';
import { schedulerNameField } from '../common';
import { defineEvent } from '../define-event';
import { historyEntryField, operationIdField } from './operation-fields';

export const operationProgressedV1 = defineEvent({
  type: 'OperationProgressed',
  version: 1,
  topic: topics.schedulerEvents,
  description:
    "A running operation reported what it did: lines added to its `executionHistory` (Maestro's wording).",
  schema: z.object({
    operationId: operationIdField,
    schedulerName: schedulerNameField,
    entries: z.array(historyEntryField).min(1),
  }),
});
