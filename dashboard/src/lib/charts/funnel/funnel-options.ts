import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { cellNumber, type Cell } from '../../format/cell.ts';
import { escapeHtml } from '../escape-html.ts';
import { funnelPosition, type FunnelCurvePoint, type FunnelPosition } from './funnel-position.ts';

/**
 * Pure builder for the funnel plot: every wijk with a published figure as a point (rate per 1,000 over
 * residents, or SMR over the expected count), the centre line and the 95% and 99.8% limits (dashed and
 * solid, not told apart by colour). A point's position is carried by its shape as well as its colour, and
 * named in the tooltip.
 */
export type FunnelOption = ComposeOption<ScatterSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption>;

export type FunnelMeasure = 'rate' | 'smr';

export interface FunnelAreaInput {
  code: string;
  name: string;
  gemeenteName: string;
  observed: Cell;
  residents: number | null;
  ratePer1000: Cell | null;
  expected: Cell | null;
  smr: Cell | null;
}

export interface FunnelText {
  target: string;
  limit95: string;
  limit998: string;
  axisX: string;
  axisY: string;
  position: Record<FunnelPosition, string>;
  formatX: (value: number) => string;
  formatY: (value: number) => string;
}

export interface FunnelInput {
  measure: FunnelMeasure;
  areas: readonly FunnelAreaInput[];
  /** The curve for the measure (`rateLimits` or `smrLimits`). */
  limits: readonly FunnelCurvePoint[];
  /** The centre line: the region's rate per 1,000, or 1 for the SMR; null when withheld. Also gives a
   * wijk's expected count for the rate (target × residents), against which its count is tested. */
  target: number | null;
  selected?: string | null;
  text: FunnelText;
}

export interface FunnelPoint {
  code: string;
  name: string;
  gemeenteName: string;
  x: number;
  y: number;
  position: FunnelPosition;
}

/** Shape and colour per position (colour-blind safe PuOr ends, grey within). */
export const POSITION_STYLE: Record<FunnelPosition, { symbol: string; colour: string }> = {
  above998: { symbol: 'triangle', colour: '#b35806' },
  above95: { symbol: 'triangle', colour: '#f1a340' },
  within: { symbol: 'circle', colour: '#6f777b' },
  below95: { symbol: 'diamond', colour: '#998ec3' },
  below998: { symbol: 'diamond', colour: '#542788' },
  unknown: { symbol: 'circle', colour: '#6f777b' },
};

/** The x (denominator) and y (figure) of a wijk for a measure; null when either is missing or withheld. */
export function funnelCoordinates(area: FunnelAreaInput, measure: FunnelMeasure): { x: number; y: number } | null {
  const x = measure === 'rate' ? area.residents : cellNumber(area.expected);
  const y = cellNumber(measure === 'rate' ? area.ratePer1000 : area.smr);
  return x !== null && x > 0 && y !== null ? { x, y } : null;
}

/**
 * Where a wijk lies relative to the limits, decided on its count and expected count (the region's rate ×
 * residents for the rate, the SMR's own expected); `unknown` without a figure or without a funnel.
 */
export function areaFunnelPosition(
  area: FunnelAreaInput,
  measure: FunnelMeasure,
  limits: readonly FunnelCurvePoint[],
  target: number | null,
): FunnelPosition {
  if (limits.length === 0 || !funnelCoordinates(area, measure)) return 'unknown';
  const expected =
    measure === 'rate'
      ? target === null || area.residents === null
        ? null
        : (target / 1000) * area.residents
      : cellNumber(area.expected);
  return funnelPosition(cellNumber(area.observed), expected);
}

/** The wijken that can be drawn, with their position relative to the limits. */
export function funnelPoints(
  areas: readonly FunnelAreaInput[],
  measure: FunnelMeasure,
  limits: readonly FunnelCurvePoint[],
  target: number | null,
): FunnelPoint[] {
  return areas.flatMap((area) => {
    const xy = funnelCoordinates(area, measure);
    if (!xy) return [];
    const { code, name, gemeenteName } = area;
    return [{ code, name, gemeenteName, ...xy, position: areaFunnelPosition(area, measure, limits, target) }];
  });
}

function limitLine(limits: readonly FunnelCurvePoint[], level: number, side: 'lower' | 'upper'): [number, number][] {
  return limits.flatMap((p) => {
    const limit = p.limits.find((l) => Math.abs(l.level - level) < 1e-9);
    return limit ? [[p.denominator, limit[side]] as [number, number]] : [];
  });
}

export function buildFunnelOption(input: FunnelInput): FunnelOption {
  const { text, limits } = input;
  const points = funnelPoints(input.areas, input.measure, limits, input.target);
  const byCode = new Map(points.map((p) => [p.code, p]));
  const line = (name: string, data: [number, number][], dashed: boolean, width: number): LineSeriesOption => ({
    type: 'line',
    name,
    data,
    showSymbol: false,
    silent: true,
    smooth: false,
    lineStyle: { color: '#1b1b1b', type: dashed ? 'dashed' : 'solid', width },
    itemStyle: { color: '#1b1b1b' },
    z: 1,
  });
  const xs = limits.map((p) => p.denominator);
  const centre: [number, number][] =
    input.target === null || xs.length === 0
      ? []
      : [
          [Math.min(...xs), input.target],
          [Math.max(...xs), input.target],
        ];

  const tooltip = (code: string): string => {
    const p = byCode.get(code);
    if (!p) return '';
    return [
      `<strong>${escapeHtml(p.name)}</strong> (${escapeHtml(p.gemeenteName)})`,
      `${escapeHtml(text.axisY)}: ${escapeHtml(text.formatY(p.y))}`,
      `${escapeHtml(text.axisX)}: ${escapeHtml(text.formatX(p.x))}`,
      escapeHtml(text.position[p.position]),
    ].join('<br>');
  };

  return {
    animation: false,
    // The legend is HTML next to the chart (funnel-chart.svelte): readable, zoomable, and no extra bundle.
    grid: { left: 64, right: 24, top: 32, bottom: 56 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => tooltip(String((params as { data?: { code?: string } }).data?.code ?? '')),
    },
    xAxis: {
      type: 'value',
      name: text.axisX,
      nameLocation: 'middle',
      nameGap: 32,
      min: 0,
      axisLabel: { formatter: (v: number) => text.formatX(v), color: '#1b1b1b' },
    },
    yAxis: {
      type: 'value',
      name: text.axisY,
      nameLocation: 'end',
      min: 0,
      axisLabel: { formatter: (v: number) => text.formatY(v), color: '#1b1b1b' },
    },
    series: [
      line(text.target, centre, false, 1.5),
      line(text.limit95, limitLine(limits, 0.95, 'upper'), true, 1),
      { ...line(text.limit95, limitLine(limits, 0.95, 'lower'), true, 1), id: 'limit95-lower' },
      line(text.limit998, limitLine(limits, 0.998, 'upper'), false, 1),
      { ...line(text.limit998, limitLine(limits, 0.998, 'lower'), false, 1), id: 'limit998-lower' },
      {
        type: 'scatter',
        id: 'wijken',
        data: points.map((p) => {
          const style = POSITION_STYLE[p.position];
          const selected = p.code === input.selected;
          return {
            code: p.code,
            name: p.name,
            value: [p.x, p.y],
            symbol: style.symbol,
            symbolSize: selected ? 16 : 10,
            itemStyle: {
              color: style.colour,
              borderColor: selected ? '#111111' : '#ffffff',
              borderWidth: selected ? 2 : 0.5,
            },
          };
        }),
        z: 3,
      },
    ],
  };
}
