import { Logger } from '@nestjs/common';

/**
 * Structured `info`/`warn`/`error` on Nest's logger for one context, so lines come out as the
 * service's JSON logs. It has the shape of the application layer's `AppLogger` port and is
 * provided for it (this library may not import the application layer).
 */
export class ContextLogger {
  private readonly logger: Logger;

  constructor(context: string) {
    this.logger = new Logger(context);
  }

  info(message: string, fields: Record<string, unknown> = {}): void {
    this.logger.log({ msg: message, ...fields });
  }

  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.logger.warn({ msg: message, ...fields });
  }

  error(message: string, fields: Record<string, unknown> = {}): void {
    this.logger.error({ msg: message, ...fields });
  }
}
