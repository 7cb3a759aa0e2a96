export { JsonLogger } from './logging/json-logger';
export { MetricsRegistry } from './metrics/metrics.registry';
export { ReadinessCheck, READINESS_CHECKS } from './health/readiness-check';
export { ObservabilityModule, type ObservabilityOptions } from './observability.module';
export { startHttpService, type HttpServiceOptions } from './http/start-http-service';
export {
  grpcCode,
  grpcCodeForStatus,
  httpStatusFor,
  maestroErrorBody,
  type GrpcCode,
  type MaestroErrorBody,
} from './http/maestro-error';
export { ContextLogger } from './logging/context-logger';
export { runService, type ServiceDefinition, type ServiceSettings } from './http/run-service';
