import type { MapSeriesOption } from 'echarts/charts';
import type { TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { cellNumber, cellText, isSuppressed, type Cell } from '../../format/cell.ts';
import { escapeHtml } from '../escape-html.ts';

/**
 * Pure builder for the wijk choropleth: the rate per 1,000 (sequential colours) or the SMR (diverging
 * around 1, in labelled bands), wijken without a figure hatched grey and labelled.
 */
export type ChoroplethOption = ComposeOption<MapSeriesOption | TooltipComponentOption | VisualMapComponentOption>;

export interface ChoroplethFeature {
  code: string;
  name: string;
  gemeenteName: string;
}

/** The SMR with its interval as the overview publishes it, or withheld as a whole. */
export type SmrCell = { value: number; lower: number; upper: number } | { suppressed: true; display: string };

export interface ChoroplethValue {
  code: string;
  count: Cell;
  residents: number | null;
  ratePer1000: Cell | null;
  smr?: SmrCell | null;
}

export type ChoroplethMeasure = 'rate' | 'smr';

export interface ChoroplethText {
  rate: string;
  count: string;
  residents: string;
  noData: string;
  /** For a wijk whose figure disclosure control withholds (small numbers): not "no data". */
  withheld: string;
  formatRate: (value: number) => string;
  formatCount: (value: number) => string;
  smr: string;
  formatRatio: (value: number) => string;
  /** A legend band of the SMR: below `to`, `from` or higher, or from … to. */
  smrRange: (from: number | null, to: number | null) => string;
}

export interface ChoroplethInput {
  /** The name the geometry was registered under (`registerWijkMap`). */
  mapName: string;
  features: ChoroplethFeature[];
  values: ChoroplethValue[];
  selected: string | null;
  /** Rate when absent. */
  measure?: ChoroplethMeasure;
  text: ChoroplethText;
}

/** Sequential, colour-blind safe (ColorBrewer PuBu); light is low. */
export const RATE_COLOURS = ['#f1eef6', '#bdc9e1', '#74a9cf', '#2b8cbe', '#045a8d'];
export const NO_DATA_COLOUR = '#d9d9d9';
/** SMR bands, diverging around 1 (ColorBrewer PuOr, colour-blind safe): purple below, orange above expected. */
export const SMR_BANDS: { from: number | null; to: number | null; colour: string }[] = [
  { from: null, to: 0.8, colour: '#998ec3' },
  { from: 0.8, to: 0.95, colour: '#d8daeb' },
  { from: 0.95, to: 1.05, colour: '#f7f7f7' },
  { from: 1.05, to: 1.25, colour: '#fee0b6' },
  { from: 1.25, to: 1.5, colour: '#f1a340' },
  { from: 1.5, to: null, colour: '#b35806' },
];
/** Above this many wijken a "geen gegevens" label on each would hide the map; the tooltip and legend say it. */
export const MAX_NO_DATA_LABELS = 60;

const HATCH = {
  symbol: 'rect',
  symbolSize: 1,
  color: 'rgba(0, 0, 0, 0.45)',
  dashArrayX: [1, 0],
  dashArrayY: [2, 4],
  rotation: Math.PI / 4,
};

/** A round upper bound for the colour scale (1, 2, 2.5 or 5 times a power of ten). */
export function niceScaleMax(values: number[]): number {
  const max = Math.max(0, ...values);
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= max) ?? 10;
  return step * magnitude;
}

/** The figure a measure colours the map by: a number, a withheld marker, or null (none). */
export function measureCell(value: ChoroplethValue | undefined, measure: ChoroplethMeasure): Cell | null {
  if (!value) return null;
  if (measure === 'rate') return value.ratePer1000;
  const smr = value.smr ?? null;
  if (smr === null) return null;
  return 'value' in smr ? smr.value : smr;
}

export function buildChoroplethOption(input: ChoroplethInput): ChoroplethOption {
  const { text } = input;
  const measure = input.measure ?? 'rate';
  const valueByCode = new Map(input.values.map((v) => [v.code, v]));
  const featureByCode = new Map(input.features.map((f) => [f.code, f]));
  const rates = input.values.flatMap((v) => {
    const rate = cellNumber(v.ratePer1000);
    return rate === null ? [] : [rate];
  });
  const max = niceScaleMax(rates);
  const labelNoData = input.features.length <= MAX_NO_DATA_LABELS;

  const data = input.features.map((feature) => {
    const cell = measureCell(valueByCode.get(feature.code), measure);
    const rate = cellNumber(cell);
    const selected = feature.code === input.selected;
    const border = selected ? { borderColor: '#111111', borderWidth: 3 } : {};
    if (rate === null) {
      const withheld = isSuppressed(cell);
      return {
        name: feature.code,
        value: Number.NaN,
        itemStyle: { areaColor: NO_DATA_COLOUR, decal: HATCH, ...border },
        label: { show: labelNoData, formatter: withheld ? text.withheld : text.noData, fontSize: 10, color: '#333333' },
      };
    }
    return { name: feature.code, value: rate, itemStyle: border };
  });

  const tooltip = (code: string): string => {
    const feature = featureByCode.get(code);
    if (!feature) return '';
    const value = valueByCode.get(code);
    const lines = [`<strong>${escapeHtml(feature.name)}</strong> (${escapeHtml(feature.gemeenteName)})`];
    const shown = measureCell(value, measure);
    if (shown === null) lines.push(escapeHtml(text.noData));
    else if (isSuppressed(shown)) lines.push(escapeHtml(text.withheld));
    if (value && value.ratePer1000 !== null && !isSuppressed(value.ratePer1000)) {
      lines.push(`${escapeHtml(text.rate)}: ${escapeHtml(cellText(value.ratePer1000, text.formatRate, ''))}`);
    }
    const smr = value?.smr ?? null;
    if (smr !== null && 'value' in smr) {
      const interval = `${text.formatRatio(smr.lower)}–${text.formatRatio(smr.upper)}`;
      lines.push(`${escapeHtml(text.smr)}: ${escapeHtml(`${text.formatRatio(smr.value)} (${interval})`)}`);
    }
    if (value) lines.push(`${escapeHtml(text.count)}: ${escapeHtml(cellText(value.count, text.formatCount, ''))}`);
    if (value?.residents != null) lines.push(`${escapeHtml(text.residents)}: ${text.formatCount(value.residents)}`);
    return lines.join('<br>');
  };

  return {
    // Colour transitions cost seconds per refresh on a national map and add nothing to reading it.
    animation: false,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => tooltip((params as { name: string }).name),
    },
    visualMap:
      measure === 'rate'
        ? {
            type: 'continuous',
            seriesIndex: 0,
            min: 0,
            max,
            calculable: false,
            orient: 'horizontal',
            left: 8,
            bottom: 8,
            itemWidth: 12,
            itemHeight: 160,
            text: [text.formatRate(max), text.formatRate(0)],
            // ECharts' own number (hover indicator, handles) would write 2.0 in Dutch too.
            formatter: (value: unknown) => text.formatRate(Number(value)),
            inRange: { color: RATE_COLOURS },
          }
        : {
            type: 'piecewise',
            seriesIndex: 0,
            orient: 'vertical',
            left: 8,
            bottom: 8,
            itemWidth: 14,
            itemHeight: 10,
            textStyle: { fontSize: 11, color: '#1b1b1b' },
            // Clicking a legend band would hide wijken; the legend is for reading only.
            selectedMode: false,
            pieces: SMR_BANDS.map((band) => ({
              ...(band.from !== null ? { gte: band.from } : {}),
              ...(band.to !== null ? { lt: band.to } : {}),
              color: band.colour,
              label: text.smrRange(band.from, band.to),
            })),
          },
    series: [
      {
        type: 'map',
        map: input.mapName,
        nameProperty: 'code',
        roam: true,
        selectedMode: false,
        layoutCenter: ['50%', '48%'],
        layoutSize: '92%',
        itemStyle: { borderColor: '#ffffff', borderWidth: 0.6, areaColor: NO_DATA_COLOUR },
        emphasis: {
          // No hover label: it would appear under the pointer between mousedown and mouseup, and ECharts
          // drops a click whose press and release hit different elements. The tooltip names the wijk.
          label: { show: false },
          itemStyle: { areaColor: '#f6c344', borderColor: '#111111', borderWidth: 1.5 },
        },
        data,
      },
    ],
  };
}
