import { topics } from '../../topics';
import { defineEvent } from '../define-event';
import { schedulerDocumentSchema } from './scheduler-document';

export const schedulerCreatedV1 = defineEvent({
  type: 'SchedulerCreated',
  version: 1,
  topic: topics.schedulerEvents,
  description:
    'A scheduler was created (POST /schedulers) with its first version, v1.0.0: the full, validated scheduler with defaults applied, everything a consumer needs to build its rooms. Field names are the API\'s; durations are numbers (units in the schema). The scheduler is "creating" until the worker has prepared its runtime.',
  schema: schedulerDocumentSchema,
});
