import { type AppLogger } from '@maestro/application';
import { grpcCode, maestroErrorBody } from '@maestro/observability';
import { type FastifyError, type FastifyPluginCallback, type FastifyReply } from 'fastify';
import { type AllocateRoomHandler } from './allocate-room.handler';

export interface AllocationRoutesOptions {
  readonly handler: AllocateRoomHandler;
  readonly logger: AppLogger;
}

interface AllocateRoute {
  Params: { schedulerName: string };
}

const allocatePath = '/scheduler/:schedulerName/rooms/allocate';
const jsonContentType = 'application/json; charset=utf-8';

/**
 * `POST /scheduler/{s}/rooms/allocate` (reference §3.6). The body is optional and unused (the
 * scheduler comes from the path), so any body under any Content-Type is accepted and ignored.
 */
export const allocationRoutes: FastifyPluginCallback<AllocationRoutesOptions> = (scope, options, done) => {
  const { handler, logger } = options;

  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, _body, parsed) => {
    parsed(null, undefined);
  });

  scope.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return sendJson(reply, 400, maestroErrorBody(grpcCode.invalidArgument, error.message));
    }
    logger.error('room allocation failed', { err: error });
    return sendJson(reply, 500, maestroErrorBody(grpcCode.internal, 'Internal Server Error'));
  });

  scope.post<AllocateRoute>(allocatePath, {
    // The Content-Type a game client sends (often form-encoded, or none) must not matter.
    onRequest: (request, _reply, next) => {
      request.headers['content-type'] = undefined;
      next();
    },
    handler: async (request, reply) => {
      const outcome = await handler.handle(request.params.schedulerName);
      switch (outcome.kind) {
        case 'allocated':
          return sendJson(reply, 200, JSON.stringify(outcome.body));
        case 'no-ready-room':
          return sendJson(reply, 500, maestroErrorBody(grpcCode.unknown, outcome.message));
        case 'unavailable':
          return sendJson(reply, 503, maestroErrorBody(grpcCode.unavailable, outcome.message));
      }
    },
  });

  scope.route({
    method: scope.supportedMethods.filter((method) => method !== 'POST'),
    url: allocatePath,
    exposeHeadRoute: false,
    handler: (_request, reply) =>
      sendJson(reply, 501, maestroErrorBody(grpcCode.unimplemented, 'Method Not Allowed')),
  });

  done();
};

function sendJson(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('content-type', jsonContentType).send(body);
}
