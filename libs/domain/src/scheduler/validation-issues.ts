/**
 * Maestro validates schedulers with go-playground/validator and answers with its English messages,
 * one line per failed field, each prefixed by the field's Go namespace
 * (`Scheduler.Spec.Containers[0].Ports[0].Name`). Clients match on these texts, so they are
 * reproduced word for word here; the field names are Maestro's Go field names, not the JSON ones.
 */
export interface ValidationIssue {
  /** e.g. `Scheduler.Spec.Containers[0].Name` */
  readonly namespace: string;
  /** e.g. `Name is a required field` */
  readonly message: string;
}

export const validationMessages = {
  required: (field: string) => `${field} is a required field`,
  atLeast: (field: string, min: number) => `${field} must be ${min} or greater`,
  atMost: (field: string, max: number) => `${field} must be ${max} or less`,
  maxLength: (field: string, max: number) => `${field} must be a maximum of ${max} characters in length`,
  greaterThan: (field: string, bound: number | string) => `${field} must be greater than ${bound}`,
  lessThan: (field: string, bound: number | string) => `${field} must be less than ${bound}`,
  oneOf: (field: string, options: readonly string[]) => `${field} must be one of [${options.join(' ')}]`,
  rfc1123: (field: string) => `${field} must follow the public RFC 1123 about naming conventions`,
  imagePullPolicy: (field: string) =>
    `${field} must be one of the following options: Always, Never, IfNotPresent`,
  portProtocol: (field: string) => `${field} must be one of the following options: tcp, udp, sctp`,
  forwarderType: (field: string) => `${field} must be one of the following options: gRPC`,
  maxSurge: (field: string) =>
    `${field} must be a number greater than zero or a number greater than zero with suffix '%'`,
  lowerThan: (field: string, other: string) => `${field} must be a number lower than ${other}`,
} as const;

/** Collects failed fields in the order the Go validator visits them (struct field order). */
export class ValidationIssues {
  private readonly collected: ValidationIssue[] = [];

  add(namespace: string, message: string): void {
    this.collected.push({ namespace, message });
  }

  get list(): readonly ValidationIssue[] {
    return this.collected;
  }

  get isEmpty(): boolean {
    return this.collected.length === 0;
  }

  /** Maestro's error text: `Validation Error:` then one `<Namespace>: <message>` line per field. */
  toMessage(): string {
    return [
      'Validation Error:',
      ...this.collected.map((issue) => `${issue.namespace}: ${issue.message}`),
    ].join('\n');
  }
}
