import { describe, expect, it } from 'vitest';
import { agoParts, ingestFreshness, STALE_AFTER_MS } from './ingest-freshness.ts';

const now = new Date('2026-03-05T12:00:00Z');

describe('ingestFreshness', () => {
  it('is fresh up to an hour and stale after it', () => {
    expect(ingestFreshness('2026-03-05T11:00:00Z', now)).toEqual({ state: 'fresh', ageMs: STALE_AFTER_MS });
    expect(ingestFreshness('2026-03-05T10:59:59Z', now)).toEqual({ state: 'stale', ageMs: STALE_AFTER_MS + 1000 });
  });

  it('treats no timestamp, or one that cannot be read, as never seen', () => {
    expect(ingestFreshness(null, now)).toEqual({ state: 'never', ageMs: null });
    expect(ingestFreshness('yesterday', now)).toEqual({ state: 'never', ageMs: null });
  });

  it('reads a timestamp slightly in the future as just now', () => {
    expect(ingestFreshness('2026-03-05T12:00:05Z', now)).toEqual({ state: 'fresh', ageMs: 0 });
  });
});

describe('agoParts', () => {
  it('uses the largest whole unit', () => {
    expect(agoParts(45_000)).toEqual({ unit: 'agoSeconds', n: 45 });
    expect(agoParts(12 * 60_000 + 59_000)).toEqual({ unit: 'agoMinutes', n: 12 });
    expect(agoParts(3 * 3_600_000)).toEqual({ unit: 'agoHours', n: 3 });
    expect(agoParts(47 * 3_600_000)).toEqual({ unit: 'agoHours', n: 47 });
    expect(agoParts(50 * 3_600_000)).toEqual({ unit: 'agoDays', n: 2 });
  });
});
