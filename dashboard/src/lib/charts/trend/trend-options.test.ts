import { describe, expect, it } from 'vitest';
import { buildTrendOption, weekAxisLabel, type TrendInput } from './trend-options.ts';

const text = { count: 'Aantal', partialShort: 'lopend', partial: 'lopende week', formatCount: (v: number) => String(v) };

function input(weeks: TrendInput['weeks']): TrendInput {
  return { weeks, colour: '#2b8cbe', text };
}

type Bar = { value: number; itemStyle?: { decal?: unknown; opacity?: number }; label?: { show: boolean; formatter: string } };
const barsOf = (option: ReturnType<typeof buildTrendOption>) => (option.series as { data: Bar[] }[])[0]!.data;

describe('buildTrendOption', () => {
  const weeks = [
    { week: '2024-W52', count: 4, partial: false },
    { week: '2025-W01', count: 7, partial: false },
    { week: '2025-W02', count: 2, partial: true },
  ];

  it('draws one bar per week with its count, in order', () => {
    const option = buildTrendOption(input(weeks));
    expect((option.xAxis as { data: string[] }).data).toEqual(weeks.map((w) => w.week));
    expect(barsOf(option).map((b) => b.value)).toEqual(weeks.map((w) => w.count));
  });

  it('marks only the partial week, with stripes and a label', () => {
    const bars = barsOf(buildTrendOption(input(weeks)));
    expect(bars.map((b) => b.itemStyle?.decal !== undefined)).toEqual(weeks.map((w) => w.partial));
    expect(bars[2]!.label).toMatchObject({ show: true, formatter: text.partialShort });
    expect(bars[0]!.label).toBeUndefined();
  });

  it('says in the tooltip that a week is not complete', () => {
    const formatter = (buildTrendOption(input(weeks)).tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter([{ dataIndex: 2 }])).toContain(text.partial);
    expect(formatter([{ dataIndex: 1 }])).not.toContain(text.partial);
  });

  it('draws an empty period without failing', () => {
    expect(barsOf(buildTrendOption(input([])))).toEqual([]);
  });

  it('puts the year under the first week and under week 1 only', () => {
    expect(weekAxisLabel('2024-W52', 0)).toBe('W52\n2024');
    expect(weekAxisLabel('2025-W01', 1)).toBe('W01\n2025');
    expect(weekAxisLabel('2025-W02', 2)).toBe('W02');
  });
});

describe('buildTrendOption with withheld weeks', () => {
  it("draws no bar for a withheld count and shows the API's marker instead", () => {
    const withheld = { suppressed: true as const, display: '<5' };
    const bars = barsOf(buildTrendOption(input([{ week: '2025-W03', count: withheld, partial: false }])));
    expect(bars[0]!.value).toBe(0);
    expect(bars[0]!.label).toMatchObject({ show: true, formatter: withheld.display });
  });
});
