import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';
import { historyEntryField, operationIdField } from './operation-fields';

export const operationFinalStatuses = ['finished', 'error', 'canceled', 'evicted'] as const;

export const operationFinishedV1 = defineEvent({
  type: 'OperationFinished',
  version: 1,
  topic: topics.schedulerEvents,
  description:
    'An operation reached a final status: `finished`, `error` (it failed and was rolled back), `canceled` (by a client, pending or running) or `evicted` (no executor for it); with its last history lines.',
  schema: z.object({
    operationId: operationIdField,
    schedulerName: schedulerNameField,
    status: z.enum(operationFinalStatuses),
    entries: z.array(historyEntryField),
    finishedAt: instantField,
  }),
});
