/**
 * One dependency a service needs to do its job (its database, the Kafka broker, the Kubernetes API).
 * `/readyz` answers 200 only when every check resolves; a check throws with a short reason.
 */
export abstract class ReadinessCheck {
  abstract readonly name: string;
  abstract check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
