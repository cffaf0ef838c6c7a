import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { cellNumber, cellText, type Cell } from '../../format/cell.ts';
import { escapeHtml } from '../escape-html.ts';

/** Pure builder for a wijk's weekly counts of one theme; an unfinished week is striped and labelled. */
export type TrendOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface TrendWeek {
  week: string;
  /** A withheld count (`<5`) is drawn as no bar with its marker above the axis. */
  count: Cell;
  partial: boolean;
}

export interface TrendText {
  count: string;
  /** Shown above a partial week's bar. */
  partialShort: string;
  /** Tooltip note for a partial week. */
  partial: string;
  formatCount: (value: number) => string;
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

export function buildTrendOption(input: TrendInput): TrendOption {
  const { text } = input;
  const data = input.weeks.map((w) =>
    cellNumber(w.count) === null
      ? {
          value: 0,
          label: {
            show: true,
            position: 'top' as const,
            formatter: cellText(w.count, String, ''),
            fontSize: 11,
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
            label: { show: true, position: 'top' as const, formatter: text.partialShort, fontSize: 11, color: '#333333' },
          }
        : { value: cellNumber(w.count) },
  );

  return {
    grid: { left: 48, right: 32, top: 28, bottom: 52 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number } | undefined;
        const week = first ? input.weeks[first.dataIndex] : undefined;
        if (!week) return '';
        const note = week.partial ? `<br><em>${escapeHtml(text.partial)}</em>` : '';
        return `<strong>${escapeHtml(week.week)}</strong><br>${escapeHtml(text.count)}: ${escapeHtml(cellText(week.count, text.formatCount, ''))}${note}`;
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
    series: [{ type: 'bar', name: text.count, data, itemStyle: { color: input.colour }, barMaxWidth: 28 }],
  };
}
