// What a process composing several services (the embedded mode, apps/standalone) needs of this one.
export { AppModule, type RoomPingIngestInfrastructure } from './app.module';
export { roomPingIngestConfigSchema, type RoomPingIngestConfig } from './config/room-ping-ingest.config';
