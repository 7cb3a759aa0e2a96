/**
 * Maestro's error body, as its gRPC gateway writes it (reference §2.1):
 * `{"code": <gRPC code>, "message": "…", "details": []}`.
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
  aborted: 10,
  unimplemented: 12,
  internal: 13,
  unavailable: 14,
  unauthenticated: 16,
} as const;

export type GrpcCode = (typeof grpcCode)[keyof typeof grpcCode];

export function maestroErrorBody(code: GrpcCode, message: string): string {
  return JSON.stringify({ code, message, details: [] });
}

/** The gRPC code the gateway uses for an HTTP status (the inverse of its code → status table). */
export function grpcCodeForStatus(status: number): GrpcCode {
  switch (status) {
    case 400:
    case 413:
    case 415:
      return grpcCode.invalidArgument;
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
