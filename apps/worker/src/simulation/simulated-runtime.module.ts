import { type DynamicModule, Module } from '@nestjs/common';
import { GameRoomRuntime } from '@maestro/application';
import { InMemoryGameRoomRuntime } from '@maestro/k8s-runtime';

/**
 * The game-room runtime for simulated fleets: the in-memory twin of the Kubernetes adapter (same
 * contract), whose instances turn ready at once and run nothing. Everything else of the worker stays
 * real, so tens of thousands of rooms can be tracked on one machine ("rooms simulated, no pods").
 */
@Module({})
export class SimulatedRuntimeModule {
  static forRoot(): DynamicModule {
    return {
      module: SimulatedRuntimeModule,
      global: true,
      // The pods' specs live in Kubernetes, not in the worker: not kept, so as not to count them.
      providers: [{ provide: GameRoomRuntime, useValue: new InMemoryGameRoomRuntime({ keepSpecs: false }) }],
      exports: [GameRoomRuntime],
    };
  }
}
