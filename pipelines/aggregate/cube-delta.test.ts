import { describe, expect, it } from 'vitest';
import type { Signal } from '@wijksignaal/contracts/signal';
import { cubeDelta, touchedSeries } from './cube-delta.ts';
import { recordKeys } from './record-key.ts';
import type { AcceptedSignal } from './accepted-signal.ts';

const recordKey = recordKeys('cube-delta-test');

function accepted(over: Partial<Signal>, wijk = 'WK990101'): AcceptedSignal {
  const signal = {
    id: crypto.randomUUID(),
    partner: 'demo-partner',
    sourceKind: 'home_care',
    theme: 'loneliness',
    category: 'social',
    area: wijk,
    areaYear: 2024,
    week: '2024-W10',
    ageBand: '75+',
    severity: 'low',
    count: 1,
    ...over,
  } as Signal;
  return { signal, wijk, gemeente: 'GM9901', weekMonday: '2024-03-04', partition: 0, offset: '0' };
}

describe('cubeDelta', () => {
  it('sums counts, rows and the high-severity part per cell', () => {
    const cells = cubeDelta(
      [accepted({ count: 3, severity: 'high' }), accepted({ count: 2 }), accepted({ count: 4 }, 'WK990102')],
      recordKey,
    );
    const first = cells.find((c) => c.wijk === 'WK990101');
    expect(first).toMatchObject({ n: 5, signals: 2, high: 3 });
    expect(cells).toHaveLength(2);
  });
  it('adds up the record keys of the signals in a cell', () => {
    const signals = [accepted({}), accepted({}), accepted({}, 'WK990102')];
    const cells = cubeDelta(signals, recordKey);
    expect(cells.find((c) => c.wijk === 'WK990101')!.keySum).toBe(
      recordKey(signals[0]!.signal.id) + recordKey(signals[1]!.signal.id),
    );
    expect(cells.find((c) => c.wijk === 'WK990102')!.keySum).toBe(recordKey(signals[2]!.signal.id));
  });
  it('keeps cells of different categories and age bands apart', () => {
    const cells = cubeDelta([accepted({ category: 'emotional' } as Partial<Signal>), accepted({ ageBand: '65-74' })], recordKey);
    expect(cells).toHaveLength(2);
    expect(cells.reduce((s, c) => s + c.n, 0)).toBe(2);
  });
  it('names each touched wijk × theme series once', () => {
    const cells = cubeDelta(
      [accepted({}), accepted({ category: 'isolation' } as Partial<Signal>), accepted({}, 'WK990102')],
      recordKey,
    );
    expect([...touchedSeries(cells)].sort()).toEqual(['WK990101|loneliness', 'WK990102|loneliness']);
  });
});
