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

/**
 * What a series' rows depend on besides its name: its counts from its first point on, where that point lies
 * and the first week to detect (the batch's weeks, `also` and options are the same for the whole batch).
 */
function countsKey(counts: Float64Array, from: number, detectFrom: number): string {
  const bytes = Buffer.from(counts.buffer, counts.byteOffset + from * 8, (counts.length - from) * 8);
  return `${from} ${detectFrom} ${bytes.toString('latin1')}`;
}

/**
 * Pure: the alarm rows of every series of the batch, as columns (series indexes follow the batch).
 * Detection reads only a series' published counts, never its name, and published counts are mostly the
 * withheld stand-in in small wijken: nationally 10,425 series hold 3,580 distinct count sequences. A series
 * whose counts, start and scope equal an earlier one's in the batch gets copies of that one's rows (the
 * same numbers detection would give it, for a fraction of the cost). Series with known-event weeks are
 * always detected.
 */
export function detectBatch(batch: SeriesBatch, options: DetectSeriesOptions): AlarmColumns {
  const stride = batch.weeks.length;
  const out = new AlarmColumnsBuilder(batch.weeks, batch.wijk.length * options.keepWeeks * 2);
  const known = knownBySeries(batch);
  const seen = new Map<string, { from: number; to: number }>();
  for (let s = 0; s < batch.wijk.length; s++) {
    const counts = batch.counts.subarray(s * stride, (s + 1) * stride);
    const start = batch.from[s] as number;
    const first = batch.detectFrom?.[s] ?? -1;
    const key = known.has(s) ? null : countsKey(counts, start, first);
    const earlier = key === null ? undefined : seen.get(key);
    if (earlier !== undefined) {
      out.repeat(s, earlier.from, earlier.to);
      continue;
    }
    const rowsFrom = out.length;
    const points = weeklyPoints(batch.weeks, counts, start);
    const scope = { from: first < 0 ? undefined : batch.weeks[first], also: batch.also };
    for (const row of detectSeries(batch.wijk[s] as string, batch.theme[s] as string, points, options, scope, known.get(s)))
      out.push(s, row);
    if (key !== null) seen.set(key, { from: rowsFrom, to: out.length });
  }
  return out.build();
}
