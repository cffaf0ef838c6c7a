import { describe, expect, it } from 'vitest';
import { describeOffsetProblem } from '@wijksignaal/contracts/offset-problem';
import { watermarkProblems } from './offset-guard.ts';

const stored = new Map([
  [
    'signals.v1.partner.a',
    new Map([
      [0, 120n],
      [1, 40n],
      [2, 7n],
    ]),
  ],
]);

describe('offsets that go backwards', () => {
  it('flags a partition whose log now ends before what was consumed, and one whose unread messages are gone', () => {
    const problems = watermarkProblems(stored, [
      { topic: 'signals.v1.partner.a', partition: 0, low: 0n, high: 12n }, // recreated, refilled with 12
      { topic: 'signals.v1.partner.a', partition: 1, low: 55n, high: 90n }, // 40..54 deleted unread
      { topic: 'signals.v1.partner.a', partition: 2, low: 0n, high: 7n }, // caught up: fine
      { topic: 'signals.v1.partner.b', partition: 0, low: 0n, high: 3n }, // never consumed: nothing to compare
    ]);
    expect(problems).toEqual([
      { topic: 'signals.v1.partner.a', partition: 0, kind: 'log_end_before_stored', storedNext: '120', low: '0', high: '12' },
      { topic: 'signals.v1.partner.a', partition: 1, kind: 'log_start_after_stored', storedNext: '40', low: '55', high: '90' },
    ]);
    expect(describeOffsetProblem(problems[0]!)).toMatch(
      /^the pipeline stopped reading signals\.v1\.partner\.a partition 0: .* up to 12 but 120 .*--rebaseline$/,
    );
  });
});
