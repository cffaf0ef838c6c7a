import { describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/locale.ts';
import { formatClockTime, formatCount, formatOptionalCount, formatRate, formatRatio } from './format-number.ts';

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

describe('number formatting follows the language switch', () => {
  it('writes English numbers after switching to English, and Dutch again after switching back', () => {
    setLocale('en');
    try {
      expect(formatCount(1234567)).toBe('1,234,567');
      expect(formatRate(12.345, '–')).toBe('12.3');
      expect(formatRatio(1.2345)).toBe('1.23');
    } finally {
      setLocale('nl');
    }
    expect(formatRatio(1.2345)).toBe('1,23');
  });
});
