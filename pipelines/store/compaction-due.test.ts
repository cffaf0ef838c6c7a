import { describe, expect, it } from 'vitest';
import { compactionDue } from './compaction-due.ts';

describe('compactionDue', () => {
  it('waits for as many appended rows as the last compaction left, and at least the minimum', () => {
    expect(compactionDue(199_999, 0)).toBe(false);
    expect(compactionDue(200_000, 0)).toBe(true);
    expect(compactionDue(499_999, 500_000)).toBe(false);
    expect(compactionDue(500_000, 500_000)).toBe(true);
    expect(compactionDue(10, 5, 10)).toBe(true);
  });
});
