import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';

/** A dependency that does not answer within this time counts as down. */
const checkTimeoutMs = 2_000;

@Controller()
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[]) {}

  /** Liveness: 200 as long as the process serves HTTP. */
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 200 only when every dependency answers, 503 with the failing ones otherwise. */
  @Get('readyz')
  async readyz(@Res() reply: FastifyReply): Promise<void> {
    const results = await Promise.all(
      this.checks.map(async (check) => [check.name, await runWithTimeout(check)] as const),
    );
    const ready = results.every(([, outcome]) => outcome === 'ok');
    await reply
      .status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .send({ status: ready ? 'ready' : 'unready', checks: Object.fromEntries(results) });
  }
}

async function runWithTimeout(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${checkTimeoutMs} ms`));
    }, checkTimeoutMs);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}
