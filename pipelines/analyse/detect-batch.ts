import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { AlarmColumnsBuilder, type AlarmColumns } from './alarm-columns.ts';
import { detectSeries, type DetectSeriesOptions } from './detect-series.ts';
import { weeklyPoints } from './series-from-cube.ts';

/**
 * A batch of dense series as it crosses to a detection worker: flat typed arrays and a few string lists,
 * which structured cloning copies in one go (an array of point objects per series it copies one by one).
 */
export interface SeriesBatch {
  /** The window's weeks, oldest first; the last one is the running week. */
  weeks: IsoWeek[];
  wijk: string[];
  theme: string[];
  /** Per series, the index into `weeks` of its first point. */
  from: Int32Array;
  /** Series after series, `weeks.length` counts each. */
  counts: Float64Array;
  /** Per series, the index into `weeks` of the first week to detect (`DetectScope.from`); −1 for all kept weeks. */
  detectFrom?: Int32Array;
  /** Earlier weeks every series detects as well (`DetectScope.also`). */
  also?: IsoWeek[];
}

/** Pure: the alarm rows of every series of the batch, as columns (series indexes follow the batch). */
export function detectBatch(batch: SeriesBatch, options: DetectSeriesOptions): AlarmColumns {
  const stride = batch.weeks.length;
  const out = new AlarmColumnsBuilder(batch.weeks, batch.wijk.length * options.keepWeeks * 2);
  for (let s = 0; s < batch.wijk.length; s++) {
    const counts = batch.counts.subarray(s * stride, (s + 1) * stride);
    const points = weeklyPoints(batch.weeks, counts, batch.from[s] as number);
    const first = batch.detectFrom?.[s] ?? -1;
    const scope = { from: first < 0 ? undefined : batch.weeks[first], also: batch.also };
    for (const row of detectSeries(batch.wijk[s] as string, batch.theme[s] as string, points, options, scope)) out.push(s, row);
  }
  return out.build();
}
