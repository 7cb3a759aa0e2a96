/** The request itself is malformed (unparsable JSON, a wrong JSON type, a repeated query key): 400. */
export class InvalidRequestError extends Error {
  readonly code = 'InvalidRequest';
}
