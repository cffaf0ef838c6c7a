/**
 * Which past weeks the Farrington model for week k is fitted on, and their seasonal level — R's
 * `algo.farrington.data.glm` + `blocks()` for a positional series (an `sts` without dates, as the golden
 * oracle uses): the reference weeks are k − freq·1 … k − freq·b, i.e. weeks are counted, not dated.
 *
 * - Level `noPeriods` is the window of ±w weeks around each reference week (and the current week's own
 *   w weeks, which the exclusion below removes again).
 * - With noPeriods > 1 the stretch between one year's window and the next is cut into noPeriods − 1
 *   consecutive blocks, levels 1 … noPeriods − 1; the first `period mod (noPeriods − 1)` blocks are one
 *   week longer. Weeks before the oldest window have no level and are not used.
 * - Weeks k − pastWeeksNotIncluded … k are dropped so an emerging outbreak does not raise its own baseline.
 */

export interface ReferenceWindowOptions {
  b: number;
  w: number;
  noPeriods: number;
  pastWeeksNotIncluded: number;
  frequency: number;
}

export interface ReferenceWindow {
  /** 0-based indices into the series, oldest first. */
  indices: Int32Array;
  /** Seasonal level (1 … noPeriods) of each index, as R numbers them. */
  levels: Int32Array;
}

/** Earliest week the window reaches back to; negative when the series is too short for week k. */
export function referenceWindowStart(k: number, options: ReferenceWindowOptions): number {
  return k - options.frequency * options.b - options.w;
}

/** Weeks strictly between two consecutive years' windows, the stretch the seasonal blocks divide. */
export function betweenWindowsLength(options: ReferenceWindowOptions): number {
  return options.frequency - 2 * options.w - 1;
}

/** Assumes referenceWindowStart(k) ≥ 0; the caller reports the week as not evaluated otherwise. */
export function referenceWindow(k: number, options: ReferenceWindowOptions): ReferenceWindow {
  const { b, w, noPeriods, pastWeeksNotIncluded, frequency } = options;
  const start = referenceWindowStart(k, options);
  const span = k - start + 1;
  const level = new Int32Array(span); // 0 = not in the model
  const set = (from: number, to: number, value: number): void => {
    for (let t = from; t <= to; t++) level[t - start] = value;
  };

  set(k - w, k, noPeriods);
  const period = betweenWindowsLength(options);
  const blockLength = noPeriods > 1 ? Math.floor(period / (noPeriods - 1)) : 0;
  const longer = noPeriods > 1 ? period % (noPeriods - 1) : 0;
  for (let i = 1; i <= b; i++) {
    const refWeek = k - frequency * i;
    set(refWeek - w, refWeek + w, noPeriods);
    if (noPeriods === 1) continue;
    let from = refWeek + w + 1;
    for (let j = 1; j <= noPeriods - 1; j++) {
      const length = blockLength + (j <= longer ? 1 : 0);
      set(from, from + length - 1, j);
      from += length;
    }
  }
  set(Math.max(start, k - pastWeeksNotIncluded), k, 0);

  let count = 0;
  for (let t = 0; t < span; t++) if (level[t] !== 0) count++;
  const indices = new Int32Array(count);
  const levels = new Int32Array(count);
  let j = 0;
  for (let t = 0; t < span; t++) {
    const value = level[t] as number;
    if (value === 0) continue;
    indices[j] = start + t;
    levels[j] = value;
    j++;
  }
  return { indices, levels };
}
