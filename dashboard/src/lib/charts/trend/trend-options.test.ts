import { describe, expect, it } from 'vitest';
import { buildTrendOption, weekAxisLabel, type TrendInput } from './trend-options.ts';

const text = {
  count: 'Aantal',
  partialShort: 'lopend',
  partial: 'lopende week',
  formatCount: (v: number) => String(v),
  expected: 'Verwacht',
  threshold: 'Alarmdrempel',
  alarm: { amber: { name: 'Alarm oranje', letter: 'O' }, red: { name: 'Alarm rood', letter: 'R' } },
  method: 'methode',
};

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

type Series = { type: string; name: string; data: (number | null)[]; symbol?: string; label?: { formatter: string } };
const seriesOf = (option: ReturnType<typeof buildTrendOption>) => option.series as Series[];

describe('buildTrendOption with detection results', () => {
  const withheld = { suppressed: true as const, display: 'x' };
  const weeks: TrendInput['weeks'] = [
    { week: '2025-W10', count: 6, partial: false, expected: null, threshold: null, level: 'none', method: null },
    { week: '2025-W11', count: 8, partial: false, expected: 5.5, threshold: 9.25, level: 'none', method: 'earsC2' },
    { week: '2025-W12', count: 14, partial: false, expected: 6, threshold: 10, level: 'amber', method: 'earsC2' },
    { week: '2025-W13', count: 21, partial: false, expected: 6.5, threshold: 11, level: 'red', method: 'farringtonFlexible' },
    {
      week: '2025-W14',
      count: withheld,
      partial: false,
      expected: withheld,
      threshold: withheld,
      level: 'red',
      method: 'earsC3',
    },
  ];
  const option = buildTrendOption(input(weeks));
  const byName = (name: string) => seriesOf(option).find((s) => s.name === name)!;

  it('draws the expected count as a line with a gap where no method evaluated or it is withheld', () => {
    expect(byName(text.expected)).toMatchObject({ type: 'line', data: [null, 5.5, 6, 6.5, null] });
  });

  it('shades the band from the expected count up to the threshold', () => {
    const band = byName(text.threshold);
    expect(band.data).toEqual([null, 3.75, 4, 4.5, null]);
    // Stacked on the expected line, so its upper edge is the threshold itself.
    expect((band as { stack?: string }).stack).toBe((byName(text.expected) as { stack?: string }).stack);
  });

  it('marks amber and red weeks with different shapes and letters, above the bar or the threshold', () => {
    const amber = byName(text.alarm.amber.name);
    const red = byName(text.alarm.red.name);
    expect(amber).toMatchObject({ type: 'scatter', symbol: 'triangle', label: { formatter: 'O' } });
    expect(red).toMatchObject({ type: 'scatter', symbol: 'diamond', label: { formatter: 'R' } });
    expect(amber.data).toEqual([null, null, 14, null, null]);
    expect(red.data).toEqual([null, null, null, 21, 0]);
  });

  it('names the alarm level and method in the tooltip, and the withheld marker instead of numbers', () => {
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter([{ dataIndex: 3 }])).toContain('Alarm rood');
    expect(formatter([{ dataIndex: 3 }])).toContain('farringtonFlexible');
    expect(formatter([{ dataIndex: 1 }])).toContain('Verwacht: 5.5');
    expect(formatter([{ dataIndex: 1 }])).not.toMatch(/Alarm (rood|oranje)/);
    expect(formatter([{ dataIndex: 4 }])).toContain('Alarmdrempel: x');
  });
});

describe('buildTrendOption at the current week and for a one-week band', () => {
  const withheld = { suppressed: true as const, display: '<5' };
  type Labelled = { label?: { formatter: string; offset?: number[] } };

  it('gives an unfinished withheld week one label ("lopend" above "<5") instead of two that overlap', () => {
    const bars = barsOf(buildTrendOption(input([{ week: '2025-W03', count: withheld, partial: true }]))) as Labelled[];
    expect(bars[0]!.label!.formatter).toBe('lopend\n<5');
  });

  it('lifts the "lopend" label a line when a neighbouring week shows "<5" at the axis', () => {
    const beside = barsOf(
      buildTrendOption(
        input([
          { week: '2025-W02', count: withheld, partial: false },
          { week: '2025-W03', count: 6, partial: true },
        ]),
      ),
    ) as Labelled[];
    expect(beside[1]!.label!.offset).toEqual([0, -14]);
    const alone = barsOf(buildTrendOption(input([{ week: '2025-W03', count: 6, partial: true }]))) as Labelled[];
    expect(alone[0]!.label!.offset).toBeUndefined();
  });

  it('draws a band of a single week as a whisker from expected to threshold, not as a grey column', () => {
    const option = buildTrendOption(
      input([
        { week: '2025-W10', count: 6, partial: false, expected: null, threshold: null },
        { week: '2025-W11', count: 3, partial: true, expected: 4, threshold: 7.5 },
      ]),
    );
    const series = option.series as { id?: string; name?: string; data: unknown[]; symbol?: string }[];
    const band = series.find((s) => s.name === text.threshold && s.id === undefined)!;
    expect(band.data).toEqual([null, null]);
    const whisker = series.find((s) => s.id === 'band-whisker-1')!;
    expect(whisker.data).toEqual([
      [1, 4],
      [1, 7.5],
    ]);
    expect(whisker.symbol).toBe('rect');
  });

  it('keeps the shaded band where it spans more than one week', () => {
    const option = buildTrendOption(
      input([
        { week: '2025-W10', count: 6, partial: false, expected: 4, threshold: 7 },
        { week: '2025-W11', count: 3, partial: false, expected: 4, threshold: 8 },
      ]),
    );
    const series = option.series as { id?: string; name?: string; data: unknown[] }[];
    expect(series.find((s) => s.name === text.threshold)!.data).toEqual([3, 4]);
    expect(series.some((s) => s.id?.startsWith('band-whisker'))).toBe(false);
  });
});
