/**
 * Maestro's error body, as its gRPC gateway writes it (reference §2.1):
 * `{"code": <gRPC code>, "message": "…", "details": []}`, and how gRPC codes and HTTP statuses map.
 */
export const grpcCode = {
  cancelled: 1,
  unknown: 2,
  invalidArgument: 3,
  deadlineExceeded: 4,
  notFound: 5,
  alreadyExists: 6,
  permissionDenied: 7,
  resourceExhausted: 8,
  failedPrecondition: 9,
  aborted: 10,
  unimplemented: 12,
  internal: 13,
  unavailable: 14,
  unauthenticated: 16,
} as const;

export type GrpcCode = (typeof grpcCode)[keyof typeof grpcCode];

export interface MaestroErrorBody {
  readonly code: GrpcCode;
  readonly message: string;
  readonly details: readonly unknown[];
}

/** The HTTP status the gateway answers a gRPC code with. */
export function httpStatusFor(code: GrpcCode): number {
  switch (code) {
    case grpcCode.invalidArgument:
    case grpcCode.failedPrecondition:
      return 400;
    case grpcCode.unauthenticated:
      return 401;
    case grpcCode.permissionDenied:
      return 403;
    case grpcCode.notFound:
      return 404;
    case grpcCode.alreadyExists:
    case grpcCode.aborted:
      return 409;
    case grpcCode.resourceExhausted:
      return 429;
    case grpcCode.cancelled:
      return 499;
    case grpcCode.unimplemented:
      return 501;
    case grpcCode.unavailable:
      return 503;
    case grpcCode.deadlineExceeded:
      return 504;
    case grpcCode.unknown:
    case grpcCode.internal:
      return 500;
  }
}

/** The gRPC code for a framework's HTTP status (Fastify and Nest client errors). */
export function grpcCodeForStatus(status: number): GrpcCode {
  switch (status) {
    case 401:
      return grpcCode.unauthenticated;
    case 403:
      return grpcCode.permissionDenied;
    case 404:
      return grpcCode.notFound;
    case 405:
    case 501:
      return grpcCode.unimplemented;
    case 409:
      return grpcCode.aborted;
    case 429:
      return grpcCode.resourceExhausted;
    case 499:
      return grpcCode.cancelled;
    case 503:
      return grpcCode.unavailable;
    case 504:
      return grpcCode.deadlineExceeded;
    default:
      return status >= 500 ? grpcCode.internal : grpcCode.invalidArgument;
  }
}

/** The serialized error body, for hot paths that write the reply themselves. */
export function maestroErrorBody(code: GrpcCode, message: string): string {
  return JSON.stringify({ code, message, details: [] } satisfies MaestroErrorBody);
}
