import { GameRoomRuntime } from '@maestro/application';
import { type DynamicModule, Module } from '@nestjs/common';
import {
  ProcessGameRoomRuntime,
  type ProcessGameRoomRuntimeOptions,
} from './process-game-room-runtime.adapter';

/**
 * The `GameRoomRuntime` port bound to local processes (the embedded mode). Nest calls the
 * runtime's onApplicationShutdown, which stops every room process, so a stopped app leaves none.
 */
@Module({})
export class ProcessRuntimeModule {
  static forRoot(options: ProcessGameRoomRuntimeOptions): DynamicModule {
    return {
      module: ProcessRuntimeModule,
      global: true,
      providers: [{ provide: GameRoomRuntime, useFactory: () => new ProcessGameRoomRuntime(options) }],
      exports: [GameRoomRuntime],
    };
  }
}
