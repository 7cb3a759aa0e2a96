import { eventually } from './eventually';
import { request } from './http-client';

interface Readiness {
  status: 'ready' | 'unready';
  checks: Record<string, string>;
}

/**
 * Waits until a service's /readyz answers 200 with every named check `ok`, and checks /healthz and
 * /metrics on the way. Returns the readiness body.
 */
export async function expectServiceReady(baseUrl: string, checks: readonly string[]): Promise<Readiness> {
  const health = await request<{ status: string }>('GET', `${baseUrl}/healthz`);
  expect(health.status).toBe(200);
  expect(health.body).toEqual({ status: 'ok' });

  const readiness = await eventually(
    async () => {
      const response = await request<Readiness>('GET', `${baseUrl}/readyz`);
      expect(response.body).toEqual({
        status: 'ready',
        checks: Object.fromEntries(checks.map((name) => [name, 'ok'])),
      });
      expect(response.status).toBe(200);
      return response.body;
    },
    { timeoutMs: 60_000, intervalMs: 250, description: `${baseUrl}/readyz to report ready` },
  );

  const metrics = await request('GET', `${baseUrl}/metrics`);
  expect(metrics.status).toBe(200);
  expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(metrics.text).toMatch(/^process_cpu_user_seconds_total\{service="[a-z-]+"\} /m);
  expect(metrics.text).toMatch(/^http_request_duration_seconds_count\{.*route="\/readyz".*\} \d+/m);
  return readiness;
}

/** Waits until /readyz answers 503 and names `failing` among the failed checks, while /healthz stays 200. */
export async function expectServiceUnready(baseUrl: string, failing: string): Promise<Readiness> {
  const readiness = await eventually(
    async () => {
      const response = await request<Readiness>('GET', `${baseUrl}/readyz`);
      expect(response.status).toBe(503);
      expect(response.body.status).toBe('unready');
      expect(response.body.checks[failing]).not.toBe('ok');
      return response.body;
    },
    { timeoutMs: 30_000, intervalMs: 250, description: `${baseUrl}/readyz to report ${failing} down` },
  );
  expect((await request('GET', `${baseUrl}/healthz`)).status).toBe(200);
  return readiness;
}
