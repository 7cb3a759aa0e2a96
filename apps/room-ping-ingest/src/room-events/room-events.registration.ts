import { type OnModuleInit } from '@nestjs/common';
import { type HttpAdapterHost } from '@nestjs/core';
import { type FastifyInstance } from 'fastify';
import { roomEventRoutes, type RoomEventRoutesOptions } from './room-events.routes';

/** Puts the event routes on the service's Fastify instance, beside the ping route. */
export class RoomEventsRegistration implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly options: RoomEventRoutesOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    await fastify.register(roomEventRoutes, this.options);
  }
}
