/**
 * Where the messaging adapters report what they do (retries, dead letters, crashes). Apps bind it to
 * their logger; the adapters stay free of any logging framework.
 */
export type MessagingLog = (
  level: 'error' | 'warn' | 'info' | 'debug',
  message: string,
  fields: Record<string, unknown>,
) => void;

/** Drops everything: for tests that assert on behaviour, not on log lines. */
export const silentLog: MessagingLog = () => undefined;

/** An error's message for a log field, whatever was thrown. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
