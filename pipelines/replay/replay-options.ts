import { addIsoWeeks, isoWeekFromDate, isoWeeksBetween, isValidIsoWeek, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { DETECT_SERIES_DEFAULTS, type DetectSeriesOptions } from '../analyse/detect-series.ts';
import { strictFlags } from '../detect/strict-flags.ts';

/**
 * Flags of `npm run replay`, checked once; every mistake becomes one line that says which flag to fix.
 */

export const REPLAY_USAGE =
  'usage: npm run replay -- --from 2024-W01 [--to 2024-W20] [--db .data/live.duckdb] [--theme T] [--wijk WK…] [--set farrington.alpha=0.01 …] [--k 5] [--json out.json]';

export class ReplayUsageError extends Error {}

export interface ReplayOptions {
  db: string;
  from: IsoWeek;
  to: IsoWeek;
  theme?: string;
  wijk?: string;
  /** The settings changed with `--set`, as given (`farrington.alpha=0.01`), for the report. */
  changed: string[];
  detect: DetectSeriesOptions;
  /** k of the published counts; default: the one the stored alarms were computed with (the alarms marker). */
  k?: number;
  json?: string;
}

/** Which settings `--set` may change: the numeric and yes/no options of Farrington and EARS. */
const SETTABLE: Record<'farrington' | 'ears', readonly string[]> = {
  farrington: ['alpha', 'b', 'w', 'weightsThreshold', 'pThresholdTrend', 'noPeriods', 'pastWeeksNotIncluded', 'reweight', 'trend'],
  ears: ['alpha', 'baseline', 'minSigma'],
};

function applySet(detect: DetectSeriesOptions, assignment: string): DetectSeriesOptions {
  const match = /^(farrington|ears)\.([A-Za-z]+)=(.+)$/.exec(assignment);
  const group = match?.[1] as 'farrington' | 'ears' | undefined;
  if (!match || group === undefined || !SETTABLE[group].includes(match[2] as string)) {
    const keys = Object.entries(SETTABLE).flatMap(([g, names]) => names.map((n) => `${g}.${n}`));
    throw new ReplayUsageError(`--set ${assignment}: expected <setting>=<value> with a setting of ${keys.join(', ')}`);
  }
  const key = match[2] as string;
  const text = match[3] as string;
  const value = text === 'true' ? true : text === 'false' ? false : Number(text);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new ReplayUsageError(`--set ${assignment}: the value must be a number, true or false`);
  if (group === 'farrington') return { ...detect, farrington: { ...detect.farrington, [key]: value } };
  return { ...detect, ears: { ...detect.ears, [key]: value } };
}

function week(flag: string, text: string | undefined): IsoWeek | undefined {
  if (text === undefined) return undefined;
  if (!isValidIsoWeek(text)) throw new ReplayUsageError(`--${flag} must be an ISO week like 2024-W07, got "${text}"`);
  return text;
}

export function parseReplayOptions(argv: readonly string[], now: Date, env: Record<string, string | undefined> = {}): ReplayOptions {
  const values = strictFlags(
    argv,
    {
      db: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      theme: { type: 'string' },
      wijk: { type: 'string' },
      set: { type: 'string', multiple: true },
      k: { type: 'string' },
      json: { type: 'string' },
    },
    REPLAY_USAGE,
    (message) => new ReplayUsageError(message),
  );
  const current = isoWeekFromDate(now);
  const from = week('from', values.from as string | undefined);
  if (from === undefined) throw new ReplayUsageError(`--from <ISO week> is required — ${REPLAY_USAGE}`);
  const to = week('to', values.to as string | undefined) ?? addIsoWeeks(current, -1);
  if (isoWeeksBetween(from, to) < 0) throw new ReplayUsageError(`--from ${from} lies after --to ${to}`);
  if (to >= current) throw new ReplayUsageError(`--to ${to} is not a complete week yet (the running week is ${current})`);
  let k: number | undefined;
  if (values.k !== undefined) {
    k = Number(values.k);
    if (!Number.isInteger(k) || k < 1) throw new ReplayUsageError(`--k must be a whole number ≥ 1, got "${String(values.k)}"`);
  }
  const changed = (values.set as string[] | undefined) ?? [];
  let detect = DETECT_SERIES_DEFAULTS;
  for (const assignment of changed) detect = applySet(detect, assignment);
  return {
    db: (values.db as string | undefined) ?? `${env.DATA_DIR ?? '.data'}/live.duckdb`,
    from,
    to,
    theme: values.theme as string | undefined,
    wijk: values.wijk as string | undefined,
    changed,
    detect,
    k,
    json: values.json as string | undefined,
  };
}
