export {
  ProcessGameRoomRuntime,
  type ProcessGameRoomRuntimeOptions,
  type ProcessRuntimeLogger,
} from './process-game-room-runtime.adapter';
export { ProcessRuntimeModule } from './process-runtime.module';
export { portVariableName, roomEnvironment, type RoomEnvironment } from './room-environment';
export { INSTANCE_FILE, LOG_FILE, type InstanceRecord } from './instance-record';
