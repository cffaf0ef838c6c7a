import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { AlarmLevel } from '@wijksignaal/domain/priority/alarm-level';
import { cellNumber, cellText, type Cell } from '../../format/cell.ts';
import { escapeHtml } from '../escape-html.ts';

/**
 * Pure builder for a wijk's weekly counts of one theme: bars for what was observed (an unfinished week
 * striped and labelled), a dashed line for the expected count, a shaded band up to the alarm threshold, and
 * a marker above every alarm week whose shape and letter, not only its colour, say amber or red.
 */
export type TrendOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | ScatterSeriesOption | GridComponentOption | TooltipComponentOption
>;

export interface TrendWeek {
  week: string;
  /** A withheld count (`<5`) is drawn as no bar with its marker above the axis. */
  count: Cell;
  partial: boolean;
  /** The detection method's expected count and threshold; null when no method evaluated the week. */
  expected?: Cell | null;
  threshold?: Cell | null;
  level?: AlarmLevel;
  method?: string | null;
}

export interface TrendText {
  count: string;
  /** Shown above a partial week's bar. */
  partialShort: string;
  /** Tooltip note for a partial week. */
  partial: string;
  formatCount: (value: number) => string;
  expected: string;
  threshold: string;
  /** Legend and tooltip name of each alarm level, and the letter drawn in its marker. */
  alarm: Record<Exclude<AlarmLevel, 'none'>, { name: string; letter: string }>;
  method: string;
}

export interface TrendInput {
  weeks: TrendWeek[];
  colour: string;
  text: TrendText;
}

const STRIPES = {
  symbol: 'rect',
  symbolSize: 1,
  color: 'rgba(255, 255, 255, 0.7)',
  dashArrayX: [1, 0],
  dashArrayY: [3, 3],
  rotation: -Math.PI / 4,
};

/** `W07`, with the year under the first week and under every week 1, so the axis stays short. */
export function weekAxisLabel(week: string, index: number): string {
  const [year, number] = week.split('-');
  return index === 0 || number === 'W01' ? `${number}\n${year}` : (number ?? week);
}

/** Marker shape per level: a triangle for amber, a diamond (larger) for red, each with its letter inside. */
export const ALARM_MARKERS = {
  amber: { symbol: 'triangle', size: 24, colour: '#b35c00' },
  red: { symbol: 'diamond', size: 24, colour: '#c0001a' },
} as const;
const EXPECTED_COLOUR = '#333333';
const BAND_COLOUR = 'rgba(90, 90, 90, 0.16)';

const LABEL_LINE = 14;

function besideWithheld(weeks: readonly TrendWeek[], i: number): boolean {
  return [weeks[i - 1], weeks[i + 1]].some((w) => w !== undefined && cellNumber(w.count) === null);
}

/**
 * The band of weeks whose neighbours have none: a stacked area over one week is a grey column that reads
 * as a bar, so such a week gets a whisker from expected to threshold with caps at both ends instead.
 */
function isolated(bandHeight: readonly (number | null)[], i: number): boolean {
  return bandHeight[i] !== null && (bandHeight[i - 1] ?? null) === null && (bandHeight[i + 1] ?? null) === null;
}

function whiskers(
  bandHeight: readonly (number | null)[],
  expected: readonly (number | null)[],
  text: TrendText,
): LineSeriesOption[] {
  return bandHeight.flatMap((height, i) => {
    const base = expected[i];
    if (height === null || base === null || base === undefined || !isolated(bandHeight, i)) return [];
    return [
      {
        type: 'line',
        id: `band-whisker-${i}`,
        name: text.threshold,
        data: [
          [i, base],
          [i, base + height],
        ],
        symbol: 'rect',
        symbolSize: [12, 2],
        showSymbol: true,
        silent: true,
        lineStyle: { color: EXPECTED_COLOUR, width: 2 },
        itemStyle: { color: EXPECTED_COLOUR },
        z: 4,
      },
    ];
  });
}

/** Where an alarm marker sits: above the bar, or above the threshold when the count is withheld. */
function markerHeight(week: TrendWeek): number {
  return Math.max(cellNumber(week.count) ?? 0, cellNumber(week.threshold ?? null) ?? 0);
}

export function buildTrendOption(input: TrendInput): TrendOption {
  const { text } = input;
  const expected = input.weeks.map((w) => cellNumber(w.expected ?? null));
  // The band is stacked on the expected line: an invisible base, then threshold − expected shaded.
  const bandHeight = input.weeks.map((w, i) => {
    const threshold = cellNumber(w.threshold ?? null);
    const base = expected[i] ?? null;
    return threshold === null || base === null ? null : Math.max(0, threshold - base);
  });
  const alarmSeries = (['amber', 'red'] as const).map((level): ScatterSeriesOption => ({
    type: 'scatter',
    name: text.alarm[level].name,
    symbol: ALARM_MARKERS[level].symbol,
    symbolSize: ALARM_MARKERS[level].size,
    symbolOffset: [0, -16],
    itemStyle: { color: ALARM_MARKERS[level].colour, borderColor: '#ffffff', borderWidth: 1 },
    // The letter sits inside the marker (labels move with symbolOffset; a triangle's middle is lower down),
    // so the level reads without colour.
    label: {
      show: true,
      position: 'inside',
      offset: [0, level === 'amber' ? 3 : 0],
      formatter: text.alarm[level].letter,
      color: '#ffffff',
      fontWeight: 'bold',
      fontSize: 11,
    },
    z: 5,
    data: input.weeks.map((w) => (w.level === level ? markerHeight(w) : null)),
  }));
  const data = input.weeks.map((w, i) =>
    cellNumber(w.count) === null
      ? {
          value: 0,
          // An unfinished withheld week gets one label of two lines ("lopend" above "<5"), not two that overlap.
          label: {
            show: true,
            position: 'top' as const,
            formatter: w.partial ? `${text.partialShort}\n${cellText(w.count, String, '')}` : cellText(w.count, String, ''),
            fontSize: 11,
            lineHeight: LABEL_LINE,
            color: '#333333',
          },
        }
      : w.partial
        ? {
            value: cellNumber(w.count),
            itemStyle: {
              color: input.colour,
              opacity: 0.55,
              decal: STRIPES,
              borderColor: input.colour,
              borderType: 'dashed' as const,
              borderWidth: 1,
            },
            // Lifted one line when a neighbour's "<5" sits at the axis, so a short bar's label clears it.
            label: {
              show: true,
              position: 'top' as const,
              formatter: text.partialShort,
              fontSize: 11,
              color: '#333333',
              ...(besideWithheld(input.weeks, i) ? { offset: [0, -LABEL_LINE] } : {}),
            },
          }
        : { value: cellNumber(w.count) },
  );

  const fmt = (cell: Cell | null | undefined) => escapeHtml(cellText(cell ?? null, text.formatCount, '–'));
  return {
    grid: { left: 48, right: 32, top: 36, bottom: 52 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number } | undefined;
        const week = first ? input.weeks[first.dataIndex] : undefined;
        if (!week) return '';
        const note = week.partial ? `<br><em>${escapeHtml(text.partial)}</em>` : '';
        const baseline =
          week.expected === undefined || week.expected === null
            ? ''
            : `<br>${escapeHtml(text.expected)}: ${fmt(week.expected)}<br>${escapeHtml(text.threshold)}: ${fmt(week.threshold)}`;
        const alarm =
          week.level === 'amber' || week.level === 'red'
            ? `<br><strong>${escapeHtml(text.alarm[week.level].name)}</strong>${week.method ? ` (${escapeHtml(text.method)}: ${escapeHtml(week.method)})` : ''}`
            : '';
        return `<strong>${escapeHtml(week.week)}</strong><br>${escapeHtml(text.count)}: ${fmt(week.count)}${baseline}${alarm}${note}`;
      },
    },
    xAxis: {
      type: 'category',
      data: input.weeks.map((w) => w.week),
      axisLabel: { formatter: (value: string, index: number) => weekAxisLabel(value, index), hideOverlap: true, lineHeight: 15 },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { formatter: (value: number) => text.formatCount(value) },
    },
    series: [
      { type: 'bar', name: text.count, data, itemStyle: { color: input.colour }, barMaxWidth: 28 },
      {
        type: 'line',
        name: text.expected,
        data: expected,
        stack: 'band',
        symbol: 'none',
        connectNulls: false,
        lineStyle: { color: EXPECTED_COLOUR, type: 'dashed', width: 2 },
        itemStyle: { color: EXPECTED_COLOUR },
        z: 3,
      },
      {
        type: 'line',
        name: text.threshold,
        data: bandHeight.map((h, i) => (isolated(bandHeight, i) ? null : h)),
        stack: 'band',
        symbol: 'none',
        connectNulls: false,
        lineStyle: { color: EXPECTED_COLOUR, type: 'dotted', width: 1 },
        itemStyle: { color: BAND_COLOUR },
        areaStyle: { color: BAND_COLOUR },
        z: 2,
      },
      ...whiskers(bandHeight, expected, text),
      ...alarmSeries,
    ],
  };
}
