import { request } from 'node:http';

export interface PlainAnswer {
  readonly status: number;
  readonly body: string;
}

/** One request on a fresh connection, outside any load generator. */
export function send(
  method: string,
  url: string,
  body?: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<PlainAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        agent: false,
        headers: {
          ...headers,
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: text });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function retry<T>(what: string, timeoutMs: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s (${last})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for `GET /readyz` to answer 200 (room-ping-ingest: its known-rooms view has caught up). */
export async function waitUntilReady(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  await retry('the service did not become ready', timeoutMs, async () => {
    const answer = await send('GET', `${baseUrl}/readyz`);
    if (answer.status !== 200) throw new Error(`readyz ${answer.status} ${answer.body}`);
    return true;
  });
}

/** One ping must get `expected` back (retried: the service may still be learning the room). */
export async function checkPing(
  url: string,
  body: string,
  expected: string,
  timeoutMs: number,
): Promise<void> {
  await retry(`PUT ${url} did not answer 200 ${expected}`, timeoutMs, async () => {
    const answer = await send('PUT', url, body);
    if (answer.status !== 200 || answer.body !== expected)
      throw new Error(`answered ${answer.status} ${answer.body}`);
    return true;
  });
}
