import { describe, expect, it } from 'vitest';
import { formatClockTime, formatCount, formatOptionalCount, formatRate } from './format-number.ts';

describe('Dutch number formatting', () => {
  it('groups thousands with a dot', () => {
    expect(formatCount(1234567)).toBe('1.234.567');
  });

  it('writes rates with a decimal comma and one decimal', () => {
    expect(formatRate(12.345, '–')).toBe('12,3');
    expect(formatRate(0, '–')).toBe('0,0');
  });

  it('shows the placeholder for missing values', () => {
    expect(formatRate(null, 'geen gegevens')).toBe('geen gegevens');
    expect(formatOptionalCount(null, 'onbekend')).toBe('onbekend');
  });

  it('formats a clock time as HH:MM and refuses garbage', () => {
    expect(formatClockTime('2025-02-10T08:05:00Z')).toMatch(/^\d{2}:\d{2}$/);
    expect(formatClockTime('not a date')).toBeNull();
  });
});
