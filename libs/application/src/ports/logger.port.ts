/** Structured logging for application code, which must not depend on a framework's logger. */
export abstract class AppLogger {
  abstract info(message: string, fields?: Record<string, unknown>): void;
  abstract warn(message: string, fields?: Record<string, unknown>): void;
  abstract error(message: string, fields?: Record<string, unknown>): void;
}
