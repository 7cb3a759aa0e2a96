import { AppLogger } from '@maestro/application';
import { Logger } from '@nestjs/common';

/** The application's logger port on Nest's logger, so lines come out as the service's JSON logs. */
export class NestAppLogger extends AppLogger {
  private readonly logger: Logger;

  constructor(context: string) {
    super();
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
