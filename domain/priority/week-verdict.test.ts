import { describe, expect, it } from 'vitest';
import type { AlarmLevel } from './alarm-level.ts';
import { weekVerdict } from './week-verdict.ts';

const row = (method: string, level: AlarmLevel, evaluated = true) => ({ method, level, evaluated, expected: 1 });

describe('weekVerdict', () => {
  it('shows the worst level any evaluated method gave', () => {
    expect(weekVerdict([row('farrington', 'none'), row('earsC1', 'amber'), row('cusum', 'red')])?.method).toBe('cusum');
  });

  it('prefers Farrington, then EARS C2, on equal levels', () => {
    expect(weekVerdict([row('earsC1', 'none'), row('earsC2', 'none'), row('farrington', 'none')])?.method).toBe('farrington');
    expect(weekVerdict([row('earsC3', 'amber'), row('earsC2', 'amber'), row('farrington', 'none')])?.method).toBe('earsC2');
  });

  it('ignores methods that did not evaluate the week, and gives null when none did', () => {
    expect(weekVerdict([row('farrington', 'none', false), row('earsC1', 'none')])?.method).toBe('earsC1');
    expect(weekVerdict([row('earsC1', 'none', false)])).toBeNull();
    expect(weekVerdict([])).toBeNull();
  });
});
