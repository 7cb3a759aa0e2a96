import { GameRoomRuntime } from '@maestro/application';
import { type FactoryProvider } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessGameRoomRuntime } from './process-game-room-runtime.adapter';
import { ProcessRuntimeModule } from './process-runtime.module';

describe('ProcessRuntimeModule', () => {
  it('lets apps inject GameRoomRuntime, bound to the process runtime', async () => {
    const baseDir = mkdtempSync(join(tmpdir(), 'maestro-process-module-'));
    const module = ProcessRuntimeModule.forRoot({ baseDir, roomsApiAddress: 'http://127.0.0.1:8070' });
    const provider = (module.providers ?? []).find(
      (candidate) => (candidate as FactoryProvider).provide === GameRoomRuntime,
    ) as FactoryProvider | undefined;

    const runtime: unknown = provider?.useFactory();

    expect(runtime).toBeInstanceOf(ProcessGameRoomRuntime);
    expect(module.exports).toEqual([GameRoomRuntime]);
    await (runtime as ProcessGameRoomRuntime).close();
    rmSync(baseDir, { recursive: true, force: true });
  });
});
