import { describe, expect, it } from 'vitest';
import { parseSimulatorConfig, UsageError } from './config.ts';

describe('parseSimulatorConfig', () => {
  it('reads a partner run with defaults from the environment', () => {
    const config = parseSimulatorConfig(['--count', '500', '--seed', '7', '--rate', '200'], { KAFKA_BROKERS: '127.0.0.1:19092' });
    expect(config).toMatchObject({
      mode: 'count',
      count: 500,
      seed: '7',
      rate: 200,
      badShare: 0.01,
      duplicateShare: 0,
      brokers: ['127.0.0.1:19092'],
      topicPrefix: 'signals.v1',
    });
  });

  it('reads the demo mode', () => {
    const config = parseSimulatorConfig(['--demo', '--history-years', '1', '--brokers', 'a:1,b:2'], {});
    expect(config).toMatchObject({ mode: 'demo', historyYears: 1, liveIntervalMs: 5000, brokers: ['a:1', 'b:2'] });
  });

  it.each([
    [['--count', 'ten'], '--count must be a number'],
    [['--count', '2.5'], '--count must be a whole number'],
    [['--count', '0'], '--count must be at least 1'],
    [['--count', '5', '--bad-share', '1.5'], '--bad-share must be between 0 and 1'],
    [['--count', '5', '--brokers', 'localhost'], '--brokers must be host:port'],
    [['--count', '5', '--end-week', '2025-W60'], '--end-week must be an ISO week'],
    [['--count', '5', '--population', 'x.csv'], '--population needs --areas'],
    [['--demo', '--count', '5'], 'either --count N or --demo'],
    [[], '--count N'],
    [['--count', '5', '--colour', 'red'], "Unknown option '--colour'"],
  ])('rejects %j with a one-line reason', (argv, reason) => {
    let error: unknown;
    try {
      parseSimulatorConfig(argv, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(reason);
    expect((error as Error).message).not.toContain('\n');
  });
});
