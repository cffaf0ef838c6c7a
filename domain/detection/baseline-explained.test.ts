import { describe, expect, it } from 'vitest';
import { explainBaseline } from './baseline-explained.ts';

describe('explainBaseline with known-event weeks', () => {
  it('names each run of known-event weeks the stored params list, in both languages', () => {
    const stored = {
      baselineFrom: '2026-W20' as const,
      baselineTo: '2026-W26' as const,
      params: { guard: 0, knownEventWeeks: ['2026-W22', '2026-W23', '2026-W24', '2026-W26'] },
    };
    const { leftOut } = explainBaseline('earsC1', '2026-W27', stored);
    expect(leftOut.map((l) => [l.from, l.to])).toEqual([
      ['2026-W22', '2026-W24'],
      ['2026-W26', '2026-W26'],
    ]);
    expect(leftOut[0]?.why.en).toBe(
      'Weeks 2026-W22 to 2026-W24 belong to an alarm marked as a known event: the baseline counts them at the expected value of the time, so the event does not raise the expected value.',
    );
    expect(leftOut[1]?.why.nl).toMatch(/^Week 2026-W26 hoort bij een alarm dat als bekende gebeurtenis is gemarkeerd/);
  });

  it('adds nothing without them', () => {
    expect(explainBaseline('earsC1', '2026-W27', { baselineFrom: '2026-W20', baselineTo: '2026-W26', params: { guard: 0 } }).leftOut).toEqual([]);
  });
});
