import { describe, expect, it } from 'vitest';
import { funnelCurve, funnelLimitsAt } from '@wijksignaal/domain/epi/funnel';
import { buildFunnelOption, funnelPoints, POSITION_STYLE, type FunnelAreaInput, type FunnelInput } from './funnel-options.ts';

const target = 0.005;
const rateLimits = funnelCurve(target, { min: 500, max: 10_000, points: 60 }, { multiplier: 1000 });
const smrLimits = funnelCurve(1, { min: 2, max: 60, points: 60 });
const withheld = { suppressed: true as const, display: '<5' };
const high = funnelLimitsAt(2000, target, { multiplier: 1000 }).limits[1]!.upper * 1.2;

const areas: FunnelAreaInput[] = [
  { code: 'WK000101', name: 'Centrum', gemeenteName: 'G', observed: 10, residents: 2000, ratePer1000: 5, expected: 10, smr: 1 },
  {
    code: 'WK000102',
    name: 'Haven <i>',
    gemeenteName: 'G',
    observed: 40,
    residents: 2000,
    ratePer1000: high,
    expected: 10,
    smr: 4,
  },
  {
    code: 'WK000103',
    name: 'Klein',
    gemeenteName: 'G',
    observed: withheld,
    residents: 600,
    ratePer1000: withheld,
    expected: withheld,
    smr: withheld,
  },
  {
    code: 'WK000104',
    name: 'Leeg',
    gemeenteName: 'G',
    observed: 0,
    residents: null,
    ratePer1000: null,
    expected: null,
    smr: null,
  },
];

const text = {
  target: 'regiogemiddelde',
  limit95: '95%-grens',
  limit998: '99,8%-grens',
  axisX: 'Inwoners',
  axisY: 'Per 1.000',
  position: {
    above998: 'boven 99,8%-grens',
    above95: 'boven 95%-grens',
    within: 'binnen de grenzen',
    below95: 'onder 95%-grens',
    below998: 'onder 99,8%-grens',
    unknown: 'niet te plaatsen',
  },
  formatX: (v: number) => String(v),
  formatY: (v: number) => v.toFixed(1),
};

function input(overrides: Partial<FunnelInput> = {}): FunnelInput {
  return { measure: 'rate', areas, limits: rateLimits, target: target * 1000, text, ...overrides };
}

type Series = { type: string; name?: string; id?: string; data: unknown[]; lineStyle?: { type: string } };
const seriesOf = (input: FunnelInput) => buildFunnelOption(input).series as Series[];
const scatter = (input: FunnelInput) =>
  seriesOf(input).find((s) => s.type === 'scatter')!.data as { code: string; value: [number, number]; symbol: string }[];

describe('buildFunnelOption', () => {
  it('draws only wijken with a published figure and denominator, at residents × rate', () => {
    const data = scatter(input());
    expect(data.map((d) => d.code)).toEqual(['WK000101', 'WK000102']);
    expect(data[0]!.value).toEqual([2000, 5]);
  });

  it('draws the SMR variant at expected × SMR', () => {
    const data = scatter(input({ measure: 'smr', limits: smrLimits, target: 1 }));
    expect(data.map((d) => d.value)).toEqual([
      [10, 1],
      [10, 4],
    ]);
  });

  it('draws the centre line and both limits on both sides, 95% dashed and 99.8% solid', () => {
    const lines = seriesOf(input()).filter((s) => s.type === 'line');
    expect(lines).toHaveLength(5);
    expect(lines[0]!.data).toEqual([
      [500, 5],
      [10_000, 5],
    ]);
    const l95 = lines.filter((l) => l.name === text.limit95);
    const l998 = lines.filter((l) => l.name === text.limit998);
    expect(l95.every((l) => l.lineStyle?.type === 'dashed' && l.data.length === rateLimits.length)).toBe(true);
    expect(l998.every((l) => l.lineStyle?.type === 'solid' && l.data.length === rateLimits.length)).toBe(true);
  });

  it('leaves the centre line out when the region rate is withheld', () => {
    expect(seriesOf(input({ target: null }))[0]!.data).toEqual([]);
  });

  it('marks the position by shape, not only by colour, and names it in an escaped tooltip', () => {
    const [within, above] = scatter(input());
    expect(within!.symbol).toBe(POSITION_STYLE.within.symbol);
    expect(above!.symbol).toBe(POSITION_STYLE.above998.symbol);
    expect(above!.symbol).not.toBe(within!.symbol);
    const formatter = (buildFunnelOption(input()).tooltip as { formatter: (p: unknown) => string }).formatter;
    const tip = formatter({ data: { code: 'WK000102' } });
    expect(tip).toContain('Haven &#60;i&#62;');
    expect(tip).toContain(text.position.above998);
  });
});

describe('funnelPoints', () => {
  it('gives each drawn wijk its position relative to the limits', () => {
    expect(funnelPoints(areas, 'rate', rateLimits, target * 1000).map((p) => p.position)).toEqual(['within', 'above998']);
    expect(funnelPoints(areas, 'smr', smrLimits, 1).map((p) => p.position)).toEqual(['within', 'above998']);
  });

  it('keeps a wijk with 0 events and about 1.1 expected within the limits, as rate and as SMR', () => {
    // 220 residents at 5 per 1,000 expect 1.1 events; P(X = 0 | 1.1) = 0.33 is nothing unusual.
    const empty: FunnelAreaInput = {
      code: 'WK000105',
      name: 'Stil',
      gemeenteName: 'G',
      observed: 0,
      residents: 220,
      ratePer1000: 0,
      expected: 1.1,
      smr: 0,
    };
    const limits998 = funnelLimitsAt(220, target, { multiplier: 1000 }).limits[1]!;
    expect(limits998.lower).toBe(0);
    const rateCurve = funnelCurve(target, { min: 200, max: 10_000, points: 60 }, { multiplier: 1000 });
    const smrCurve = funnelCurve(1, { min: 1, max: 60, points: 60 });
    expect(funnelPoints([empty], 'rate', rateCurve, target * 1000)[0]!.position).toBe('within');
    expect(funnelPoints([empty], 'smr', smrCurve, 1)[0]!.position).toBe('within');
    // With 20 expected, 0 events is far below.
    const big = { ...empty, residents: 4000, expected: 20 };
    expect(funnelPoints([big], 'rate', rateLimits, target * 1000)[0]!.position).toBe('below998');
    expect(funnelPoints([big], 'smr', smrLimits, 1)[0]!.position).toBe('below998');
  });

  it('places nothing without a funnel or without the region rate', () => {
    expect(funnelPoints(areas, 'rate', [], target * 1000).map((p) => p.position)).toEqual(['unknown', 'unknown']);
    expect(funnelPoints(areas, 'rate', rateLimits, null).map((p) => p.position)).toEqual(['unknown', 'unknown']);
  });
});
