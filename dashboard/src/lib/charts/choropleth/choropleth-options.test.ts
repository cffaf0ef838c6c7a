import { describe, expect, it } from 'vitest';
import {
  buildChoroplethOption,
  MAX_NO_DATA_LABELS,
  NO_DATA_COLOUR,
  niceScaleMax,
  SMR_BANDS,
  type ChoroplethFeature,
  type ChoroplethInput,
} from './choropleth-options.ts';
import { formatRate } from '../../format/format-number.ts';
import { setLocale } from '../../i18n/locale.ts';

const text = {
  rate: 'Per 1.000',
  count: 'Aantal',
  residents: 'Inwoners',
  noData: 'geen gegevens',
  withheld: 'afgeschermd',
  formatRate: (v: number) => v.toFixed(1),
  formatCount: (v: number) => String(v),
  smr: 'SMR',
  formatRatio: (v: number) => v.toFixed(2),
  smrRange: (from: number | null, to: number | null) => `${from ?? ''}..${to ?? ''}`,
};

const features: ChoroplethFeature[] = [
  { code: 'WK000101', name: 'Centrum', gemeenteName: 'Voorbeeld' },
  { code: 'WK000102', name: 'Noord <b>', gemeenteName: 'Voorbeeld' },
  { code: 'WK000103', name: 'Haven', gemeenteName: 'Voorbeeld' },
];

function input(overrides: Partial<ChoroplethInput> = {}): ChoroplethInput {
  return {
    mapName: 'wijken-test',
    features,
    values: [
      { code: 'WK000101', count: 30, residents: 1500, ratePer1000: 20 },
      { code: 'WK000102', count: 0, residents: null, ratePer1000: null },
    ],
    selected: null,
    text,
    ...overrides,
  };
}

type DataItem = {
  name: string;
  value: number;
  itemStyle?: Record<string, unknown>;
  label?: { show?: boolean; formatter?: unknown };
};
const seriesOf = (option: ReturnType<typeof buildChoroplethOption>) =>
  (option.series as { data: DataItem[]; map: string; nameProperty: string }[])[0]!;

describe('buildChoroplethOption', () => {
  it('draws every wijk of the geometry, matched by code, on the registered map', () => {
    const series = seriesOf(buildChoroplethOption(input()));
    expect(series.map).toBe('wijken-test');
    expect(series.nameProperty).toBe('code');
    expect(series.data.map((d) => d.name)).toEqual(features.map((f) => f.code));
  });

  it('colours wijken with a rate and hatches those without one, labelled "geen gegevens"', () => {
    const [withRate, nullRate, absent] = seriesOf(buildChoroplethOption(input())).data;
    expect(withRate!.value).toBe(20);
    expect(withRate!.itemStyle?.decal).toBeUndefined();
    for (const item of [nullRate!, absent!]) {
      expect(Number.isNaN(item.value)).toBe(true);
      expect(item.itemStyle?.areaColor).toBe(NO_DATA_COLOUR);
      expect(item.itemStyle?.decal).toBeDefined();
      expect(item.label).toMatchObject({ show: true, formatter: text.noData });
    }
  });

  it('hatches a wijk whose figures are withheld for small numbers, labelled "afgeschermd", not "geen gegevens"', () => {
    const withheld = { suppressed: true as const, display: '<5' };
    const option = buildChoroplethOption(
      input({ values: [{ code: 'WK000101', count: withheld, residents: 1500, ratePer1000: withheld }] }),
    );
    const [item] = seriesOf(option).data;
    expect(Number.isNaN(item!.value)).toBe(true);
    expect(item!.itemStyle?.decal).toBeDefined();
    expect(item!.label).toMatchObject({ formatter: text.withheld });
    const formatter = (option.tooltip as { formatter: (p: { name: string }) => string }).formatter;
    expect(formatter({ name: 'WK000101' })).toContain(text.withheld);
    expect(formatter({ name: 'WK000101' })).not.toContain(text.noData);
  });

  it('drops the per-wijk "geen gegevens" labels on a crowded map', () => {
    const many = Array.from({ length: MAX_NO_DATA_LABELS + 1 }, (_, i) => ({
      code: `WK${String(i).padStart(6, '0')}`,
      name: `Wijk ${i}`,
      gemeenteName: 'Groot',
    }));
    const data = seriesOf(buildChoroplethOption(input({ features: many, values: [] }))).data;
    expect(data.every((d) => d.label?.show === false)).toBe(true);
  });

  it('outlines the selected wijk', () => {
    const data = seriesOf(buildChoroplethOption(input({ selected: 'WK000101' }))).data;
    expect(data[0]!.itemStyle?.borderWidth).toBeGreaterThan(1);
    expect(data[2]!.itemStyle?.borderWidth).toBeUndefined();
  });

  it('writes the legend numbers in the language: 0,0 … 2,0 in Dutch, 0.0 … 2.0 in English', () => {
    const values = [{ ...input().values[0]!, ratePer1000: 1.7 }];
    const localised = { ...text, formatRate: (v: number) => formatRate(v, '') };
    type Continuous = { text: string[]; formatter: (v: number) => string };
    try {
      setLocale('nl');
      const nl = buildChoroplethOption(input({ values, text: localised })).visualMap as Continuous;
      expect(nl.text).toEqual(['2,0', '0,0']);
      expect(nl.formatter(1.25)).toBe('1,3');
      setLocale('en');
      const en = buildChoroplethOption(input({ values, text: localised })).visualMap as Continuous;
      expect(en.text).toEqual(['2.0', '0.0']);
      expect(en.formatter(1.25)).toBe('1.3');
    } finally {
      setLocale('nl');
    }
  });

  it('scales colours from zero to a round maximum above the highest rate', () => {
    const visualMap = buildChoroplethOption(input()).visualMap as { min: number; max: number };
    expect(visualMap.min).toBe(0);
    expect(visualMap.max).toBeGreaterThanOrEqual(20);
    expect(niceScaleMax([0.3])).toBeGreaterThanOrEqual(0.3);
    expect(niceScaleMax([7.1])).toBe(10);
    expect(niceScaleMax([])).toBe(1);
  });

  it('writes tooltips with escaped names and the numbers', () => {
    const formatter = (buildChoroplethOption(input()).tooltip as { formatter: (p: unknown) => string }).formatter;
    const first = formatter({ name: 'WK000101' });
    expect(first).toContain('Centrum');
    expect(first).toContain(text.formatRate(20));
    const second = formatter({ name: 'WK000102' });
    expect(second).toContain('&#60;b&#62;');
    expect(second).toContain(text.noData);
  });
});

describe('buildChoroplethOption and clicks', () => {
  it('draws without animation, so a national map redraws at once', () => {
    expect(buildChoroplethOption(input()).animation).toBe(false);
  });

  it('shows no hover label that could swallow a click on the wijk under the pointer', () => {
    const series = (buildChoroplethOption(input()).series as { emphasis: { label: { show: boolean } } }[])[0]!;
    expect(series.emphasis.label.show).toBe(false);
  });
});

describe('buildChoroplethOption with the SMR', () => {
  const withheld = { suppressed: true as const, display: 'x' };
  const values = [
    { code: 'WK000101', count: 30, residents: 1500, ratePer1000: 20, smr: { value: 1.3, lower: 1.1, upper: 1.6 } },
    { code: 'WK000102', count: 12, residents: 900, ratePer1000: 13.3, smr: withheld },
    { code: 'WK000103', count: 8, residents: 400, ratePer1000: 20, smr: null },
  ];

  it('colours by the SMR value and hatches withheld and missing ones with their own labels', () => {
    const [smr, hidden, none] = seriesOf(buildChoroplethOption(input({ values, measure: 'smr' }))).data;
    expect(smr!.value).toBe(1.3);
    expect(hidden!.itemStyle?.decal).toBeDefined();
    expect(hidden!.label).toMatchObject({ formatter: text.withheld });
    expect(none!.label).toMatchObject({ formatter: text.noData });
  });

  it('uses labelled bands around 1 as the legend, so the colour is never the only clue', () => {
    const visualMap = buildChoroplethOption(input({ values, measure: 'smr' })).visualMap as {
      type: string;
      pieces: { gte?: number; lt?: number; label: string }[];
    };
    expect(visualMap.type).toBe('piecewise');
    expect(visualMap.pieces).toHaveLength(SMR_BANDS.length);
    expect(visualMap.pieces[0]).toMatchObject({ lt: 0.8, label: '..0.8' });
    expect(visualMap.pieces.at(-1)).toMatchObject({ gte: 1.5, label: '1.5..' });
    expect(visualMap.pieces.some((p) => p.gte !== undefined && p.gte < 1 && p.lt !== undefined && p.lt > 1)).toBe(true);
  });

  it('names the SMR with its interval in the tooltip, next to the rate', () => {
    const formatter = (buildChoroplethOption(input({ values, measure: 'smr' })).tooltip as { formatter: (p: unknown) => string })
      .formatter;
    expect(formatter({ name: 'WK000101' })).toContain('SMR: 1.30 (1.10–1.60)');
    expect(formatter({ name: 'WK000101' })).toContain(text.formatRate(20));
    expect(formatter({ name: 'WK000102' })).toContain(text.withheld);
  });
});
