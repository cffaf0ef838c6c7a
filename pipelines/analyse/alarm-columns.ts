import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { AlarmRow } from './detect-series.ts';

/**
 * Alarm rows of one batch of series as columns: typed arrays plus one dictionary of the batch's strings.
 * A national run has close to two million rows; as objects they held hundreds of MB of heap until they
 * were written, and they could not cross from a worker thread without being copied one by one.
 * Numbers that are not finite (null, NaN, ±Infinity) are NaN here and stored as NULL.
 */
export interface AlarmColumns {
  length: number;
  /** Index into the batch's series. */
  series: Int32Array;
  /** Index into the batch's weeks (the window's weeks, oldest first). */
  week: Int32Array;
  observed: Float64Array;
  expected: Float64Array;
  threshold: Float64Array;
  statistic: Float64Array;
  pValue: Float64Array;
  alarm: Uint8Array;
  /** Indexes into `strings`; `reason` is -1 where the week was evaluated. */
  method: Int32Array;
  level: Int32Array;
  reason: Int32Array;
  params: Int32Array;
  strings: string[];
}

/**
 * The stored parameters: the method's own and its version, plus the baseline window, so one column says how
 * to rerun it, and the history the method choice was made on.
 */
export function storedParams(row: Pick<AlarmRow, 'params' | 'baselineFrom' | 'baselineTo' | 'historyWeeks'>): string {
  const history = `"historyWeeks":${row.historyWeeks}`;
  const added =
    row.baselineFrom === null || row.baselineTo === null
      ? `${history}}`
      : `"baselineFrom":"${row.baselineFrom}","baselineTo":"${row.baselineTo}",${history}}`;
  return row.params === '{}' ? `{${added}` : `${row.params.slice(0, -1)},${added}`;
}

function finiteOrNaN(value: number | null): number {
  return value !== null && Number.isFinite(value) ? value : NaN;
}

/** Collects rows series by series into columns that grow by doubling. */
type IntColumn = 'series' | 'week' | 'method' | 'level' | 'reason' | 'params';
type DoubleColumn = 'observed' | 'expected' | 'threshold' | 'statistic' | 'pValue';

export class AlarmColumnsBuilder {
  #length = 0;
  #capacity: number;
  #ints: Record<IntColumn, Int32Array>;
  #doubles: Record<DoubleColumn, Float64Array>;
  #alarm: Uint8Array;
  readonly #strings: string[] = [];
  readonly #stringIndex = new Map<string, number>();
  readonly #weekIndex: ReadonlyMap<IsoWeek, number>;
  /**
   * The stored params' dictionary index by the method's params text (one shared string per method and
   * options, so its hash is computed once) and then by baseline and history: building and hashing the
   * whole stored text for every row was a twentieth of a national run's detection.
   */
  readonly #paramsIndex = new Map<string, Map<string, number>>();

  constructor(weeks: readonly IsoWeek[], capacity = 1024) {
    this.#weekIndex = new Map(weeks.map((week, i) => [week, i]));
    this.#capacity = capacity;
    const int = () => new Int32Array(capacity);
    const double = () => new Float64Array(capacity);
    this.#ints = { series: int(), week: int(), method: int(), level: int(), reason: int(), params: int() };
    this.#doubles = { observed: double(), expected: double(), threshold: double(), statistic: double(), pValue: double() };
    this.#alarm = new Uint8Array(capacity);
  }

  #string(value: string): number {
    let index = this.#stringIndex.get(value);
    if (index === undefined) {
      index = this.#strings.length;
      this.#strings.push(value);
      this.#stringIndex.set(value, index);
    }
    return index;
  }

  #params(row: AlarmRow): number {
    let byRest = this.#paramsIndex.get(row.params);
    if (byRest === undefined) this.#paramsIndex.set(row.params, (byRest = new Map()));
    const rest = `${row.baselineFrom ?? ''} ${row.baselineTo ?? ''} ${row.historyWeeks}`;
    let index = byRest.get(rest);
    if (index === undefined) {
      index = this.#string(storedParams(row));
      byRest.set(rest, index);
    }
    return index;
  }

  #grow(): void {
    this.#capacity *= 2;
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(this.#capacity);
      next.set(old);
      return next;
    };
    for (const key of Object.keys(this.#ints) as IntColumn[]) {
      this.#ints[key] = grown(this.#ints[key], (n) => new Int32Array(n));
    }
    for (const key of Object.keys(this.#doubles) as DoubleColumn[]) {
      this.#doubles[key] = grown(this.#doubles[key], (n) => new Float64Array(n));
    }
    this.#alarm = grown(this.#alarm, (n) => new Uint8Array(n));
  }

  push(series: number, row: AlarmRow): void {
    const week = this.#weekIndex.get(row.week);
    if (week === undefined) throw new Error(`alarm row for ${row.week} lies outside the series window`);
    if (this.#length === this.#capacity) this.#grow();
    const i = this.#length++;
    const ints = this.#ints;
    ints.series[i] = series;
    ints.week[i] = week;
    ints.method[i] = this.#string(row.method);
    ints.level[i] = this.#string(row.level);
    ints.reason[i] = row.reason === null ? -1 : this.#string(row.reason);
    ints.params[i] = this.#params(row);
    const doubles = this.#doubles;
    doubles.observed[i] = finiteOrNaN(row.observed);
    doubles.expected[i] = finiteOrNaN(row.expected);
    doubles.threshold[i] = finiteOrNaN(row.threshold);
    doubles.statistic[i] = finiteOrNaN(row.statistic);
    doubles.pValue[i] = finiteOrNaN(row.pValue);
    this.#alarm[i] = row.alarm ? 1 : 0;
  }

  get length(): number {
    return this.#length;
  }

  /** Appends again, for another series, the rows `from` … `to` − 1 already pushed (a series with the same counts). */
  repeat(series: number, from: number, to: number): void {
    for (let r = from; r < to; r++) {
      if (this.#length === this.#capacity) this.#grow();
      const i = this.#length++;
      for (const column of Object.values(this.#ints)) column[i] = column[r] as number;
      for (const column of Object.values(this.#doubles)) column[i] = column[r] as number;
      this.#alarm[i] = this.#alarm[r] as number;
      this.#ints.series[i] = series;
    }
  }

  build(): AlarmColumns {
    const n = this.#length;
    const ints = this.#ints;
    const doubles = this.#doubles;
    return {
      length: n,
      series: ints.series.slice(0, n),
      week: ints.week.slice(0, n),
      method: ints.method.slice(0, n),
      level: ints.level.slice(0, n),
      reason: ints.reason.slice(0, n),
      params: ints.params.slice(0, n),
      observed: doubles.observed.slice(0, n),
      expected: doubles.expected.slice(0, n),
      threshold: doubles.threshold.slice(0, n),
      statistic: doubles.statistic.slice(0, n),
      pValue: doubles.pValue.slice(0, n),
      alarm: this.#alarm.slice(0, n),
      strings: [...this.#strings],
    };
  }
}

/** The typed arrays of a batch, to hand to `postMessage` as transferables. */
export function alarmColumnBuffers(columns: AlarmColumns): ArrayBuffer[] {
  const { length: _length, strings: _strings, ...arrays } = columns;
  return Object.values(arrays).map((array) => array.buffer as ArrayBuffer);
}
