import { describe, expect, it } from 'vitest';
import { worstLevel } from './alarm-level.ts';

describe('worstLevel', () => {
  it('takes the worst level across methods as the week verdict', () => {
    expect(worstLevel(['none', 'amber', 'none'])).toBe('amber');
    expect(worstLevel(['amber', 'red'])).toBe('red');
    expect(worstLevel([])).toBe('none');
  });
});
