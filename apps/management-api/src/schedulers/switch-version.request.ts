import { decodeRequestBody, protoMessage, protoString } from './protojson';

const switchVersionRequest = protoMessage({ version: protoString() });

/** PUT /schedulers/{name} body: `{"version": "v1.1.0"}`. */
export function parseSwitchVersionRequest(body: unknown): string {
  return decodeRequestBody(switchVersionRequest, body).version;
}
