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
  /**
   * Known-event weeks (`read-known-events.ts`), one entry per week: the series' index in the batch, the
   * week's index into `weeks` and the count later baselines read for it. Absent when the batch has none.
   */
  known?: { series: Int32Array; week: Int32Array; baseline: Float64Array };
}

/** The known-event weeks of the batch's series (keys in batch order) as its typed arrays; weeks outside the window are not read. */
export function knownEventColumns(
  keys: readonly string[],
  weekIndex: ReadonlyMap<IsoWeek, number>,
  knownEvents: ReadonlyMap<string, ReadonlyMap<IsoWeek, number>> | undefined,
): SeriesBatch['known'] {
  if (knownEvents === undefined || knownEvents.size === 0) return undefined;
  const series: number[] = [];
  const week: number[] = [];
  const baseline: number[] = [];
  keys.forEach((key, s) => {
    for (const [w, count] of knownEvents.get(key) ?? []) {
      const i = weekIndex.get(w);
      if (i === undefined) continue;
      series.push(s);
      week.push(i);
      baseline.push(count);
    }
  });
  if (series.length === 0) return undefined;
  return { series: Int32Array.from(series), week: Int32Array.from(week), baseline: Float64Array.from(baseline) };
}

/** The known-event weeks of each series of the batch that has any. */
function knownBySeries(batch: SeriesBatch): Map<number, Map<IsoWeek, number>> {
  const bySeries = new Map<number, Map<IsoWeek, number>>();
  const known = batch.known;
  if (known === undefined) return bySeries;
  for (let i = 0; i < known.series.length; i++) {
    const s = known.series[i] as number;
    let weeks = bySeries.get(s);
    if (weeks === undefined) bySeries.set(s, (weeks = new Map()));
    weeks.set(batch.weeks[known.week[i] as number] as IsoWeek, known.baseline[i] as number);
  }
  return bySeries;
}

/** Pure: the alarm rows of every series of the batch, as columns (series indexes follow the batch). */
export function detectBatch(batch: SeriesBatch, options: DetectSeriesOptions): AlarmColumns {
  const stride = batch.weeks.length;
  const out = new AlarmColumnsBuilder(batch.weeks, batch.wijk.length * options.keepWeeks * 2);
  const known = knownBySeries(batch);
  for (let s = 0; s < batch.wijk.length; s++) {
    const counts = batch.counts.subarray(s * stride, (s + 1) * stride);
    const points = weeklyPoints(batch.weeks, counts, batch.from[s] as number);
    const first = batch.detectFrom?.[s] ?? -1;
    const scope = { from: first < 0 ? undefined : batch.weeks[first], also: batch.also };
    for (const row of detectSeries(batch.wijk[s] as string, batch.theme[s] as string, points, options, scope, known.get(s))) out.push(s, row);
  }
  return out.build();
}
