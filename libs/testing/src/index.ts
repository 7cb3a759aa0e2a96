export { testEnvironment, type TestEnvironment } from './test-environment';
export { eventually, type EventuallyOptions } from './eventually';
export { createTestDatabase, type TestDatabase } from './test-database';
export { startApp, type AppName, type AppProcess } from './app-process';
export { request, type JsonResponse } from './http-client';
export { expectServiceReady, expectServiceUnready } from './service-endpoints';
export { gameRoomRuntimeContract, type GameRoomRuntimeHarness } from './game-room-runtime.contract';
export { allocatedPorts, roomInstanceSpec } from './room-instance-spec.fixture';
export { repoRoot } from './repo-root';
