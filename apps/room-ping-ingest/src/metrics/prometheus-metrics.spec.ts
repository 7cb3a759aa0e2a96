import { MetricsRegistry } from '@maestro/observability';
import { FixedLabelCounter, UnlabelledHistogram } from './prometheus-metrics';

describe('metrics rendered by the service registry', () => {
  it('renders a counter with every label value, counted ones and zeros alike', async () => {
    const registry = new MetricsRegistry('test-service');
    const counter = new FixedLabelCounter('things_total', 'Things, by colour', 'colour', [
      'red',
      'blue',
    ]).registerOn(registry);
    counter.inc('red');
    counter.inc('red');

    const text = await registry.render();

    expect(text).toContain('# HELP things_total Things, by colour\n# TYPE things_total counter\n');
    expect(text).toContain('things_total{colour="red",service="test-service"} 2\n');
    expect(text).toContain('things_total{colour="blue",service="test-service"} 0\n');
  });

  it('renders a histogram as cumulative buckets, sum and count', async () => {
    const registry = new MetricsRegistry('test-service');
    const histogram = new UnlabelledHistogram('wait_seconds', 'Waits', [0.1, 1]).registerOn(registry);
    histogram.observe(0.05);
    histogram.observe(0.5);
    histogram.observe(3);

    const text = await registry.render();

    expect(text).toContain('# TYPE wait_seconds histogram\n');
    expect(text).toContain('wait_seconds_bucket{le="0.1",service="test-service"} 1\n');
    expect(text).toContain('wait_seconds_bucket{le="1",service="test-service"} 2\n');
    expect(text).toContain('wait_seconds_bucket{le="+Inf",service="test-service"} 3\n');
    expect(text).toContain('wait_seconds_sum{service="test-service"} 3.55\n');
    expect(text).toContain('wait_seconds_count{service="test-service"} 3\n');
  });

  it('starts again from zero when the registry resets its metrics', async () => {
    const registry = new MetricsRegistry('test-service');
    const counter = new FixedLabelCounter('resets_total', 'Resets', 'kind', ['a']).registerOn(registry);
    const histogram = new UnlabelledHistogram('reset_seconds', 'Resets', [1]).registerOn(registry);
    counter.inc('a');
    histogram.observe(0.5);

    registry.registry.resetMetrics();

    const text = await registry.render();
    expect(text).toContain('resets_total{kind="a",service="test-service"} 0\n');
    expect(text).toContain('reset_seconds_count{service="test-service"} 0\n');
  });
});
