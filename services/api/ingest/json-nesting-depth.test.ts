import { describe, expect, it } from 'vitest';
import { jsonNestingDepth } from './json-nesting-depth.ts';

describe('jsonNestingDepth', () => {
  it('counts arrays and objects, not brackets inside strings (escaped quotes included)', () => {
    expect(jsonNestingDepth('[{"a":1},{"b":[2]}]', 10)).toBe(3);
    expect(jsonNestingDepth('[{"a":"[[[{{{"}]', 10)).toBe(2);
    expect(jsonNestingDepth('[{"a":"\\"[[[["}]', 10)).toBe(2);
    expect(jsonNestingDepth('"plain"', 10)).toBe(0);
  });

  it('stops as soon as the limit is passed', () => {
    expect(jsonNestingDepth('['.repeat(1_000_000), 8)).toBe(9);
  });
});
