import { type OnModuleInit } from '@nestjs/common';
import { type HttpAdapterHost } from '@nestjs/core';
import { type FastifyInstance } from 'fastify';
import { allocationRoutes, type AllocationRoutesOptions } from './allocation.routes';

/** Puts the allocate route on the service's Fastify instance, beside the ping and event routes. */
export class AllocationRegistration implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly options: AllocationRoutesOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    await fastify.register(allocationRoutes, this.options);
  }
}
