import { type z } from 'zod';

/** Thrown when configuration is missing or invalid; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses configuration once, at startup, from the environment (or any record of strings). Apps call
 * this in their composition root and inject the result; nothing else reads process.env.
 */
export function parseConfig<TSchema extends z.ZodType>(
  schema: TSchema,
  source: Record<string, string | undefined> = process.env,
): z.infer<TSchema> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

/**
 * The process's environment, for composition roots that read several services' settings from it
 * (the one-process launcher): configuration is still parsed with `parseConfig`, nowhere else.
 */
export function processEnvironment(): Record<string, string | undefined> {
  return process.env;
}
