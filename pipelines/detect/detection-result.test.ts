import { describe, expect, it } from 'vitest';
import { alarmLevel, notEvaluated } from './detection-result.ts';

describe('alarmLevel', () => {
  it('is red below p 0.01, amber below 0.05 or on the method’s own alarm, otherwise none', () => {
    expect(alarmLevel(0.009, true)).toBe('red');
    expect(alarmLevel(0.009, false)).toBe('red');
    expect(alarmLevel(0.03, false)).toBe('amber');
    expect(alarmLevel(0.2, true)).toBe('amber');
    expect(alarmLevel(null, true)).toBe('amber');
    expect(alarmLevel(null, false)).toBe('none');
    expect(alarmLevel(0.05, false)).toBe('none');
    expect(alarmLevel(Number.NaN, false)).toBe('none');
  });
});

describe('notEvaluated', () => {
  it('carries the reason and no numbers', () => {
    const result = notEvaluated('2024-W01', 'earsC1', { baseline: 7 }, 3, 'too short');
    expect(result).toMatchObject({
      alarm: false,
      level: 'none',
      expected: null,
      threshold: null,
      notEvaluatedReason: 'too short',
    });
  });
});
