import { type AppLogger, type RecordRoomPingHandler } from '@maestro/application';
import {
  type FastifyError,
  type FastifyPluginCallback,
  type FastifyReply,
  type FastifyRequest,
  type HookHandlerDoneFunction,
} from 'fastify';
import { grpcCode, maestroErrorBody } from '@maestro/observability';
import { LogThrottle } from '../support/log-throttle';
import { InvalidPingRequest, parsePingRequest } from './ping-request.parser';
import { type RoomPingMetrics } from './room-ping.metrics';

export interface RoomPingRoutesOptions {
  readonly handler: RecordRoomPingHandler;
  readonly metrics: RoomPingMetrics;
  readonly logger: AppLogger;
}

export const pingPath = '/scheduler/:schedulerName/rooms/:roomName/ping';

interface PingRoute {
  Params: { schedulerName: string; roomName: string };
  Body: string | undefined;
}

// Answers are constant strings: nothing to serialise per ping.
const successBody = '{"success":true}';
const failureBody = '{"success":false}';
const methodNotAllowedBody = maestroErrorBody(grpcCode.unimplemented, 'Method Not Allowed');
// With the charset already there, Fastify sends the header as is instead of appending one per reply.
const jsonContentType = 'application/json; charset=utf-8';

/**
 * `PUT /scheduler/{scheduler}/rooms/{room}/ping`, the rooms API's hot path (reference §3.1).
 *
 * A Fastify plugin rather than a Nest controller, for two reasons. Game rooms send JSON under any
 * Content-Type (`curl --data-raw` says form-urlencoded), which Fastify parses before Nest sees the
 * request; this plugin's own encapsulated context hands every body over as text instead. And the
 * route skips Nest's per-request layers (router proxy, pipes, interceptors, response mapping),
 * which the ping path does not use.
 */
export const roomPingRoutes: FastifyPluginCallback<RoomPingRoutesOptions> = (scope, options, done) => {
  const { handler, metrics, logger } = options;
  const publishFailureLog = new LogThrottle(1_000);

  // Only in this plugin's context: every body is text, and the handler decodes it as JSON.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, parsed) => {
    parsed(null, body);
  });

  // Fastify's own refusals (a body over the size limit) get Maestro's error body too.
  scope.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.statusCode !== undefined && error.statusCode < 500) {
      metrics.pings.inc('invalid');
      return sendJson(reply, 400, maestroErrorBody(grpcCode.invalidArgument, error.message));
    }
    logger.error('ping failed', { err: error });
    return sendJson(reply, 500, maestroErrorBody(grpcCode.internal, 'Internal Server Error'));
  });

  scope.route<PingRoute>({
    method: 'PUT',
    url: pingPath,
    onRequest: ignoreContentType,
    handler: async (request, reply) => {
      const { schedulerName, roomName } = request.params;
      const command = parsePingRequest(schedulerName, roomName, request.body);
      if (command instanceof InvalidPingRequest) {
        metrics.pings.inc('invalid');
        return sendJson(reply, 400, maestroErrorBody(grpcCode.invalidArgument, command.message));
      }

      const started = performance.now();
      const result = await handler.handle(command);
      switch (result.outcome) {
        case 'accepted':
          metrics.publishDuration.observe((performance.now() - started) / 1_000);
          metrics.pings.inc('accepted');
          return sendJson(reply, 200, successBody);
        case 'unknown_room':
          metrics.pings.inc('unknown_room');
          return sendJson(reply, 200, failureBody);
        case 'invalid':
          metrics.pings.inc('invalid');
          return sendJson(reply, 400, maestroErrorBody(grpcCode.invalidArgument, result.problems.join('; ')));
        case 'publish_failed': {
          metrics.publishDuration.observe((performance.now() - started) / 1_000);
          metrics.pings.inc('publish_failed');
          const heldBack = publishFailureLog.admit();
          if (heldBack !== undefined) {
            logger.warn('ping not published, answered success false (the room pings again)', {
              schedulerName,
              roomId: roomName,
              err: result.error,
              similarFailuresNotLogged: heldBack,
            });
          }
          return sendJson(reply, 200, failureBody);
        }
      }
    },
  });

  // Maestro's gateway answers a known path with another method 501 "Method Not Allowed".
  scope.route({
    method: scope.supportedMethods.filter((method) => method !== 'PUT'),
    url: pingPath,
    exposeHeadRoute: false,
    handler: (_request, reply) => sendJson(reply, 501, methodNotAllowedBody),
  });

  done();
};

/**
 * Drops the Content-Type before Fastify picks a body parser, so even a header Fastify cannot parse
 * (`Content-Type: foo`) reaches the catch-all text parser instead of a 415.
 */
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
