import { Controller, Get, Header, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { MetricsRegistry } from './metrics.registry';

@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async render(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('Content-Type', this.metrics.contentType).send(await this.metrics.render());
  }
}
