import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApplicationError, SchedulerError } from '@maestro/application';
import { DatabaseConnector } from '@maestro/persistence';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '../auth/basic-auth.guard';
import {
  type GrpcCode,
  type MaestroErrorBody,
  grpcCode,
  grpcCodeForStatus,
  httpStatusFor,
} from '@maestro/observability';
import { InvalidRequestError } from './invalid-request.error';

interface Failure {
  readonly code: GrpcCode;
  readonly message: string;
  /** Defaults to the gateway's status for the code. */
  readonly status?: number;
}

const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * The one place where errors become HTTP: every error that reaches Nest, unknown routes and
 * unparsable bodies included, is answered with Maestro's body `{"code","message","details":[]}` and
 * the gateway's status for the code. Bad input is never a 500.
 */
@Catch()
@Injectable()
export class MaestroExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');
  private databaseReady = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    database: DatabaseConnector,
  ) {
    void database.whenReady().then(() => {
      this.databaseReady = true;
    });
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const failure = this.describe(exception, http.getRequest<FastifyRequest>());
    const status = failure.status ?? httpStatusFor(failure.code);
    if (status >= 500) this.logger.error({ msg: 'request failed', err: exception });
    if (failure.code === grpcCode.unauthenticated)
      void reply.header('www-authenticate', 'Basic realm="maestro"');
    const body: MaestroErrorBody = { code: failure.code, message: failure.message, details: [] };
    void reply.status(status).send(body);
  }

  private describe(exception: unknown, request: FastifyRequest): Failure {
    if (exception instanceof SchedulerError) return schedulerFailure(exception);
    if (exception instanceof ApplicationError) {
      const code = exception.code === 'VersionConflict' ? grpcCode.aborted : grpcCode.notFound;
      return { code, message: exception.message };
    }
    if (exception instanceof InvalidRequestError)
      return { code: grpcCode.invalidArgument, message: exception.message };
    if (exception instanceof UnauthenticatedError)
      return { code: grpcCode.unauthenticated, message: exception.message };
    if (exception instanceof NotFoundException && request.is404) return this.unmatchedRoute(request);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { code: grpcCodeForStatus(status), message: exception.message, status };
    }
    // Fastify's own client errors (a body over the limit, a bad URL) carry a 4xx statusCode.
    const status = (exception as { statusCode?: unknown } | undefined)?.statusCode;
    if (exception instanceof Error && typeof status === 'number' && status >= 400 && status < 500) {
      return { code: grpcCodeForStatus(status), message: exception.message, status };
    }
    // Before the database is connected and migrated, a failure is the database's, not a bug.
    if (!this.databaseReady) return { code: grpcCode.unavailable, message: 'database not ready' };
    return { code: grpcCode.unknown, message: 'internal error' };
  }

  /** The gateway's answers: a path known for another method is 501, anything else 404. */
  private unmatchedRoute(request: FastifyRequest): Failure {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const [path = '/'] = request.url.split('?');
    const knownPath = httpMethods.some((method) => {
      // Fastify's types leave it out, but `findRoute` answers null for a path it does not route.
      const route: unknown = fastify.findRoute({ method, url: path });
      return method !== request.method && route !== null;
    });
    return knownPath
      ? { code: grpcCode.unimplemented, message: 'Method Not Allowed' }
      : { code: grpcCode.notFound, message: 'Not Found' };
  }
}

function schedulerFailure(error: SchedulerError): Failure {
  switch (error.code) {
    case 'SchedulerInvalid':
      return { code: grpcCode.invalidArgument, message: error.message };
    case 'SchedulerNotFound':
      return { code: grpcCode.notFound, message: error.message };
    case 'SchedulerAlreadyExists':
    case 'NoChange':
      return { code: grpcCode.alreadyExists, message: error.message };
    case 'OngoingVersionOperation':
      return { code: grpcCode.failedPrecondition, message: error.message };
    case 'OperationNotFound':
      return { code: grpcCode.notFound, message: error.message };
    case 'OperationAlreadyFinal':
      return { code: grpcCode.aborted, message: error.message };
  }
}
