import { ConflictException, Controller, HttpCode, Post } from '@nestjs/common';
import { Session } from 'node:inspector/promises';

/**
 * Starts and stops V8's CPU profiler in the simulated worker, for benchmarks only (mounted by
 * simulation/main.ts, never by the production app): a benchmark profiles exactly its load phase,
 * where `node --cpu-prof` would mix in start-up and room creation.
 */
@Controller('simulation/profile')
export class CpuProfilerController {
  private session: Session | undefined;

  @Post('start')
  @HttpCode(204)
  async start(): Promise<void> {
    if (this.session) throw new ConflictException('the CPU profiler is already running');
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    this.session = session;
  }

  /** Stops the profiler and answers the profile (`.cpuprofile` JSON, as DevTools reads it). */
  @Post('stop')
  @HttpCode(200)
  async stop(): Promise<unknown> {
    const session = this.session;
    if (!session) throw new ConflictException('the CPU profiler is not running');
    this.session = undefined;
    try {
      const { profile } = await session.post('Profiler.stop');
      return profile;
    } finally {
      session.disconnect();
    }
  }
}
