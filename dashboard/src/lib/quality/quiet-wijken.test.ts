import { describe, expect, it } from 'vitest';
import { quietWijken } from './quiet-wijken.ts';

describe('quietWijken', () => {
  it('groups the marked wijken by code, each wijk’s quiet streams in partner order', () => {
    const marks = quietWijken([
      { code: 'WK990102', partner: 'thuiszorg-demo', sourceKind: 'home_care', kind: 'silent' },
      { code: 'WK990101', partner: 'thuiszorg-demo', sourceKind: 'home_care', kind: 'silent' },
      { code: 'WK990101', partner: 'politie-demo', sourceKind: 'police', kind: 'low_volume' },
    ]);
    expect([...marks.keys()].sort()).toEqual(['WK990101', 'WK990102']);
    expect(marks.get('WK990101')?.map((e) => e.partner)).toEqual(['politie-demo', 'thuiszorg-demo']);
    expect(marks.get('WK990103')).toBeUndefined();
  });
});
