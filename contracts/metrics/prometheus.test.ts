import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './prometheus.ts';

describe('MetricsRegistry.render (Prometheus text format 0.0.4)', () => {
  it('writes HELP, TYPE and one sample per label set for counters and gauges', () => {
    const registry = new MetricsRegistry();
    const requests = registry.counter('http_requests_total', 'Requests answered');
    requests.inc({ route: '/a', status: '200' });
    requests.inc({ route: '/a', status: '200' }, 2);
    requests.inc({ status: '404', route: '/b' });
    registry.gauge('queue_depth', 'Items waiting').set(7);
    expect(registry.render()).toBe(
      [
        '# HELP http_requests_total Requests answered',
        '# TYPE http_requests_total counter',
        'http_requests_total{route="/a",status="200"} 3',
        'http_requests_total{status="404",route="/b"} 1',
        '# HELP queue_depth Items waiting',
        '# TYPE queue_depth gauge',
        'queue_depth 7',
        '',
      ].join('\n'),
    );
    expect(requests.get({ status: '200', route: '/a' })).toBe(3);
  });

  it('writes cumulative buckets, +Inf, sum and count for a histogram', () => {
    const registry = new MetricsRegistry();
    const latency = registry.histogram('latency_seconds', 'How long', [0.1, 1]);
    for (const v of [0.05, 0.5, 0.5, 3]) latency.observe(v, { route: '/x' });
    expect(registry.render().split('\n')).toEqual([
      '# HELP latency_seconds How long',
      '# TYPE latency_seconds histogram',
      'latency_seconds_bucket{route="/x",le="0.1"} 1',
      'latency_seconds_bucket{route="/x",le="1"} 3',
      'latency_seconds_bucket{route="/x",le="+Inf"} 4',
      'latency_seconds_sum{route="/x"} 4.05',
      'latency_seconds_count{route="/x"} 4',
      '',
    ]);
    expect(latency.count({ route: '/x' })).toBe(4);
  });

  it('escapes label values and help text, and reads collected gauges at scrape time', () => {
    const registry = new MetricsRegistry();
    let open = 1;
    registry.gaugeFrom('open_streams', 'Open\nstreams \\ now', () => open);
    registry.gaugeFrom('lag', 'Per partition', () => [{ labels: { partition: 'a"b\\c\nd' }, value: Infinity }]);
    registry.gaugeFrom('absent', 'Nothing yet', () => null);
    open = 4;
    const text = registry.render();
    expect(text).toContain('# HELP open_streams Open\\nstreams \\\\ now\n');
    expect(text).toContain('open_streams 4\n');
    expect(text).toContain('lag{partition="a\\"b\\\\c\\nd"} +Inf\n');
    expect(text).toContain('# TYPE absent gauge\n');
    expect(text).not.toMatch(/^absent /m);
  });

  it('refuses invalid names, duplicate metrics and counters going down', () => {
    const registry = new MetricsRegistry();
    expect(() => registry.counter('bad-name', 'x')).toThrow(/not a valid Prometheus metric name/);
    const c = registry.counter('ok_total', 'x');
    expect(() => registry.gauge('ok_total', 'y')).toThrow(/registered twice/);
    expect(() => c.inc({ 'bad-label': 'v' })).toThrow(/not a valid label name/);
    expect(() => c.inc({}, -1)).toThrow(/only go up/);
  });
});
