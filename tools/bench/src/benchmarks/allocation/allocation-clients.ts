import { type Agent, request } from 'node:http';
import { type LatencyRecorder } from '../../harness/stats';

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** One POST over a kept-alive connection; the body is read whole. */
function post(agent: Agent, url: URL): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

export interface PhaseResult {
  /** Room ids handed out, in no particular order. */
  readonly roomIds: readonly string[];
  /** Answers `500 {"code":2,…no ready rooms…}`: how each client learns the pool ran dry. */
  readonly exhausted: number;
  /** Any other non-2xx or unreadable answer, with its text. */
  readonly failures: readonly string[];
  readonly elapsedMs: number;
}

/**
 * `clients` concurrent callers each allocating until told no room is ready: one phase drains the
 * pool. Each 200's response time goes to `latencies`.
 */
export async function drainPool(
  allocateUrl: string,
  clients: number,
  agent: Agent,
  latencies: LatencyRecorder | undefined,
): Promise<PhaseResult> {
  const url = new URL(allocateUrl);
  const roomIds: string[] = [];
  const failures: string[] = [];
  let exhausted = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const sent = performance.now();
        const answer = await post(agent, url);
        const took = performance.now() - sent;
        if (answer.status === 200) {
          latencies?.record(took);
          const { roomId } = JSON.parse(answer.body) as { roomId?: unknown };
          if (typeof roomId === 'string') roomIds.push(roomId);
          else failures.push(`200 without a room id: ${answer.body}`);
          continue;
        }
        if (answer.status === 500 && answer.body.includes('"code":2')) exhausted++;
        else failures.push(`${answer.status} ${answer.body}`);
        return;
      }
    }),
  );
  return { roomIds, exhausted, failures, elapsedMs: performance.now() - started };
}

/** Room ids handed out more than once in one phase (each appears once per extra hand-out). */
export function doubleAllocations(roomIds: readonly string[]): string[] {
  const seen = new Set<string>();
  return roomIds.filter((roomId) => (seen.has(roomId) ? true : (seen.add(roomId), false)));
}
