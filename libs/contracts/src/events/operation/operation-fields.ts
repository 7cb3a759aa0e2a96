import { z } from 'zod';
import { instantField } from '../common';

export const operationIdField = z.uuid();

/** Maestro's operation definitions (reference §6). */
export const operationDefinitionNames = [
  'create_scheduler',
  'create_new_scheduler_version',
  'switch_active_version',
  'delete_scheduler',
  'add_rooms',
  'remove_rooms',
  'health_controller',
] as const;

export const operationDefinitionNameField = z.enum(operationDefinitionNames);

/** One line of an operation's `executionHistory`. */
export const historyEntryField = z.object({ createdAt: instantField, event: z.string() });
