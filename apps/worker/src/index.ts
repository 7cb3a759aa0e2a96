// What a process composing several services (the embedded mode, apps/standalone) needs of this one.
export { AppModule, type WorkerAdapter, type WorkerInfrastructure } from './app.module';
export { workerConfigSchema, type WorkerConfig } from './config/worker.config';
