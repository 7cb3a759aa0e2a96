import { z } from 'zod';
import { topics } from '../../topics';
import { instantField, schedulerNameField } from '../common';
import { defineEvent } from '../define-event';

export const schedulerStateChangedV1 = defineEvent({
  type: 'SchedulerStateChanged',
  version: 1,
  topic: topics.schedulerEvents,
  description:
    "A scheduler's state changed: `in-sync` once the worker prepared its runtime or switched its version, `creating` while a new version is being validated.",
  schema: z.object({
    schedulerName: schedulerNameField,
    state: z.enum(['creating', 'in-sync', 'on-error', 'terminating']),
    changedAt: instantField,
  }),
});
