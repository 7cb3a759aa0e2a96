// What a process composing several services (the embedded mode, apps/standalone) needs of this one.
export { AppModule, type ManagementApiInfrastructure } from './app.module';
export { managementApiConfigSchema, type ManagementApiConfig } from './config/management-api.config';
