import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { type GrpcCode, grpcCode, grpcCodeForStatus, maestroErrorBody } from '@maestro/observability';

interface HttpFailure {
  readonly status: number;
  readonly code: GrpcCode;
  readonly message: string;
}

/**
 * Answers every error that reaches Nest (unknown routes included) with Maestro's error body, so a
 * client of the rooms API sees one error shape: `404 {"code":5,"message":"Not Found","details":[]}`.
 */
@Catch()
export class MaestroErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const failure = describe(exception);
    if (failure.status >= 500) this.logger.error({ msg: 'request failed', err: exception });
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply
      .status(failure.status)
      .header('content-type', 'application/json')
      .send(maestroErrorBody(failure.code, failure.message));
  }
}

function describe(exception: unknown): HttpFailure {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Nest says "Cannot GET /x" for an unknown route; the gateway says "Not Found".
    const message = status === 404 ? 'Not Found' : exception.message;
    return { status, code: grpcCodeForStatus(status), message };
  }
  // Fastify's own client errors (an unparsable URL, a body over the limit) carry a 4xx statusCode.
  if (exception instanceof Error && 'statusCode' in exception && typeof exception.statusCode === 'number') {
    const status = exception.statusCode;
    if (status >= 400 && status < 500) {
      return { status: 400, code: grpcCode.invalidArgument, message: exception.message };
    }
  }
  return { status: 500, code: grpcCode.internal, message: 'Internal Server Error' };
}
