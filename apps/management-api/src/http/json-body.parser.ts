import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type FastifyInstance } from 'fastify';
import { InvalidRequestError } from './invalid-request.error';

/**
 * Reads every request body as JSON, whatever its Content-Type, as Maestro's gateway does: tools
 * that post with `curl -d '{…}'` (form-encoded by default) keep working. An empty body is no body
 * (the gateway's empty message); malformed JSON is a 400. Bodies are only ever read field by field
 * into fresh objects, so a `__proto__` key in them is inert.
 */
@Injectable()
export class JsonBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
      const text = body.toString();
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      try {
        done(null, JSON.parse(text));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        done(new InvalidRequestError(`proto: syntax error: ${reason}`), undefined);
      }
    });
  }
}
