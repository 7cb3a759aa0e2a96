import { type z } from 'zod';
import { type Topic } from '../topics';

/**
 * One published event schema: a `(type, version)` pair, the topic it travels on and its payload
 * schema. A published definition is never edited; a breaking change is a new version.
 */
export interface EventDefinition<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  readonly type: TType;
  readonly version: number;
  readonly topic: Topic;
  readonly description: string;
  readonly schema: TSchema;
}

export function defineEvent<TType extends string, TSchema extends z.ZodType>(
  definition: EventDefinition<TType, TSchema>,
): EventDefinition<TType, TSchema> {
  return definition;
}

export type EventData<TDefinition> =
  TDefinition extends EventDefinition<string, infer TSchema> ? z.infer<TSchema> : never;
