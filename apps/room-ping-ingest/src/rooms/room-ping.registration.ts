import { type OnModuleInit } from '@nestjs/common';
import { type HttpAdapterHost } from '@nestjs/core';
import { type FastifyInstance } from 'fastify';
import { roomPingRoutes, type RoomPingRoutesOptions } from './room-ping.controller';

/** Puts the ping route on the service's Fastify instance, beside Nest's own routes. */
export class RoomPingRegistration implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly options: RoomPingRoutesOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    await fastify.register(roomPingRoutes, this.options);
  }
}
