export { JsonLogger } from './logging/json-logger';
export { MetricsRegistry } from './metrics/metrics.registry';
export { ReadinessCheck, READINESS_CHECKS } from './health/readiness-check';
export { ObservabilityModule, type ObservabilityOptions } from './observability.module';
export { startHttpService, type HttpServiceOptions } from './http/start-http-service';
