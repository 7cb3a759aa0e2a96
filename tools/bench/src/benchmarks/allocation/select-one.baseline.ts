import { type DataSource } from 'typeorm';
import { type LatencyRecorder } from '../../harness/stats';

/**
 * The baseline: `clients` concurrent callers each running `SELECT 1` on the same Postgres, through
 * the same driver stack as the service (TypeORM over pg, one pooled connection per caller), for
 * `durationMs`. The least a database-backed answer could cost, without HTTP.
 */
export async function selectOneFor(
  dataSource: DataSource,
  clients: number,
  durationMs: number,
  latencies: LatencyRecorder,
): Promise<{ readonly queries: number; readonly elapsedMs: number }> {
  let queries = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        await dataSource.query('SELECT 1');
        latencies.record(performance.now() - sent);
        queries++;
      }
    }),
  );
  return { queries, elapsedMs: performance.now() - started };
}
