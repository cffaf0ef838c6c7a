import { describe, expect, it } from 'vitest';
import { parsePipelineConfig } from '../config.ts';

describe('METRICS_PORT and METRICS_HOST', () => {
  it('leave the metrics listener off by default, on loopback when a port is given', () => {
    expect(parsePipelineConfig([], {})).toMatchObject({ metricsPort: null, metricsHost: '127.0.0.1' });
    expect(parsePipelineConfig([], { METRICS_PORT: '9464' })).toMatchObject({ metricsPort: 9464, metricsHost: '127.0.0.1' });
    expect(parsePipelineConfig([], { METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metricsHost).toBe('0.0.0.0');
  });

  it('refuses a port that is not one, in one line', () => {
    expect(() => parsePipelineConfig([], { METRICS_PORT: 'abc' })).toThrow(/^invalid pipeline setting metricsPort: /);
    expect(() => parsePipelineConfig([], { METRICS_PORT: '70000' })).toThrow(/metricsPort/);
  });
});
