import { type LoggerService } from '@nestjs/common';
import pino, { type Logger, type LevelWithSilent } from 'pino';

/**
 * Structured JSON logs, one object a line on stdout: `{"level":"info","time":…,"service":…,
 * "context":…,"msg":…}`. Used as Nest's logger and directly by code outside Nest's DI.
 */
export class JsonLogger implements LoggerService {
  readonly pino: Logger;

  constructor(service: string, level: LevelWithSilent = 'info', destination?: pino.DestinationStream) {
    this.pino = pino(
      {
        level,
        base: { service, pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      destination ?? pino.destination({ fd: 1, sync: false }),
    );
  }

  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional);
  }

  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }

  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }

  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }

  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }

  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }

  /** Flushes buffered lines; call before the process exits. */
  flush(): void {
    this.pino.flush();
  }

  // Nest calls log(message, context) and error(message, stack, context); the last string is the context.
  private write(
    level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal',
    message: unknown,
    optional: unknown[],
  ): void {
    const args = [...optional];
    const context = typeof args.at(-1) === 'string' ? (args.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, message.message);
      return;
    }
    const stack = args.find((arg): arg is string => typeof arg === 'string');
    if (stack) fields.stack = stack;
    const error = args.find((arg): arg is Error => arg instanceof Error);
    if (error) fields.err = error;
    if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
