import { type AppLogger } from '@maestro/application';
import { grpcCode, maestroErrorBody } from '@maestro/observability';
import {
  type FastifyError,
  type FastifyPluginCallback,
  type FastifyReply,
  type FastifyRequest,
  type HookHandlerDoneFunction,
  type HTTPMethods,
} from 'fastify';
import { type ForwardPlayerEventHandler } from './forward-player-event.handler';
import { type ForwardRoomEventHandler } from './forward-room-event.handler';
import { type ForwardRoomStatusHandler } from './forward-room-status.handler';
import { RoomAddressUnavailable, type RoomAddressQuery } from './room-address.query';
import { InvalidRoomEventRequest, parseRoomEventRequest } from './room-event-request.parser';

export interface RoomEventRoutesOptions {
  readonly roomEvents: ForwardRoomEventHandler;
  readonly playerEvents: ForwardPlayerEventHandler;
  readonly statuses: ForwardRoomStatusHandler;
  readonly addresses: RoomAddressQuery;
  readonly logger: AppLogger;
}

const roomPath = '/scheduler/:schedulerName/rooms/:roomName';

interface RoomRoute {
  Params: { schedulerName: string; roomName: string };
  Body: string | undefined;
}

const jsonContentType = 'application/json; charset=utf-8';

/**
 * The rooms API's event routes (reference §3.2–§3.5): `roomevent`, `playerevent`, and the
 * deprecated `status` and `address`. Like the ping route, a Fastify plugin whose own context takes
 * every body as text, because game rooms send JSON under any Content-Type.
 */
export const roomEventRoutes: FastifyPluginCallback<RoomEventRoutesOptions> = (scope, options, done) => {
  const { roomEvents, playerEvents, statuses, addresses, logger } = options;

  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, parsed) => {
    parsed(null, body);
  });

  scope.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return sendJson(reply, 400, maestroErrorBody(grpcCode.invalidArgument, error.message));
    }
    logger.error('room event route failed', { err: error });
    return sendJson(reply, 500, maestroErrorBody(grpcCode.internal, 'Internal Server Error'));
  });

  const withBody =
    (
      answer: (
        params: RoomRoute['Params'],
        body: Exclude<ReturnType<typeof parseRoomEventRequest>, InvalidRoomEventRequest>,
      ) => Promise<unknown>,
    ) =>
    async (request: FastifyRequest<RoomRoute>, reply: FastifyReply) => {
      const body = parseRoomEventRequest(request.body);
      if (body instanceof InvalidRoomEventRequest) {
        return sendJson(reply, 400, maestroErrorBody(grpcCode.invalidArgument, body.message));
      }
      return sendJson(reply, 200, JSON.stringify(await answer(request.params, body)));
    };

  route(scope, 'POST', `${roomPath}/roomevent`, {
    onRequest: ignoreContentType,
    handler: withBody(({ schedulerName, roomName }, body) =>
      roomEvents.handle({ schedulerName, roomId: roomName, event: body.event, metadata: body.metadata }),
    ),
  });

  route(scope, 'POST', `${roomPath}/playerevent`, {
    onRequest: ignoreContentType,
    handler: withBody(({ schedulerName, roomName }, body) =>
      playerEvents.handle({ schedulerName, roomId: roomName, event: body.event, metadata: body.metadata }),
    ),
  });

  route(scope, 'PUT', `${roomPath}/status`, {
    onRequest: ignoreContentType,
    handler: withBody(async ({ schedulerName, roomName }, body) => {
      const answer = await statuses.handle({
        schedulerName,
        roomId: roomName,
        status: body.status,
        metadata: body.metadata,
      });
      // v9's status route answers only whether it worked.
      return { success: answer.success };
    }),
  });

  route(scope, 'GET', `${roomPath}/address`, {
    handler: (request: FastifyRequest<RoomRoute>, reply: FastifyReply) => {
      const { schedulerName, roomName } = request.params;
      const address = addresses.handle(schedulerName, roomName);
      if (address instanceof RoomAddressUnavailable) {
        return sendJson(reply, 500, maestroErrorBody(grpcCode.unknown, address.message));
      }
      return sendJson(reply, 200, JSON.stringify(address));
    },
  });

  done();
};

type RouteScope = Parameters<FastifyPluginCallback>[0];

/** The route, and Maestro's gateway answer (501 "Method Not Allowed") for any other method on it. */
function route(
  scope: RouteScope,
  method: HTTPMethods,
  url: string,
  definition: {
    onRequest?: (request: FastifyRequest, reply: FastifyReply, next: HookHandlerDoneFunction) => void;
    handler: (request: FastifyRequest<RoomRoute>, reply: FastifyReply) => unknown;
  },
): void {
  scope.route<RoomRoute>({ method, url, ...definition });
  const others = scope.supportedMethods.filter(
    (other) => other !== method && !(method === 'GET' && other === 'HEAD'),
  );
  scope.route({
    method: others,
    url,
    exposeHeadRoute: false,
    handler: (_request, reply) =>
      sendJson(reply, 501, maestroErrorBody(grpcCode.unimplemented, 'Method Not Allowed')),
  });
}

/** Drops the Content-Type so any header (even one Fastify cannot parse) reaches the text parser. */
function ignoreContentType(
  request: FastifyRequest,
  _reply: FastifyReply,
  next: HookHandlerDoneFunction,
): void {
  request.headers['content-type'] = undefined;
  next();
}

function sendJson(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('content-type', jsonContentType).send(body);
}
