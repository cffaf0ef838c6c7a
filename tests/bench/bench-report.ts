import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Target {
  op: '>=' | '<=';
  value: number;
}

export interface Figure {
  /** Key in latest.json. */
  key: string;
  label: string;
  /** Null: not measured (the note says why). */
  value: number | null;
  unit: string;
  digits?: number;
  target?: Target;
  note?: string;
}

export type Verdict = 'PASS' | 'MISS' | 'n/a';

export function verdict(figure: Figure): Verdict {
  if (!figure.target) return 'n/a';
  if (figure.value === null || !Number.isFinite(figure.value)) return 'MISS';
  return figure.target.op === '>='
    ? figure.value >= figure.target.value
      ? 'PASS'
      : 'MISS'
    : figure.value <= figure.target.value
      ? 'PASS'
      : 'MISS';
}

/** One aligned line per figure: value, target, PASS/MISS, and what it was measured against. */
export function formatFigure(figure: Figure): string {
  const value =
    figure.value === null
      ? `not measured${figure.note ? ` (${figure.note})` : ''}`
      : `${formatNumber(figure.value, figure.digits)} ${figure.unit}`;
  const target = figure.target
    ? `target ${figure.target.op === '>=' ? '≥' : '≤'} ${formatNumber(figure.target.value, figure.digits)}`
    : 'no target';
  const mark = figure.target ? verdict(figure) : '';
  const note = figure.value !== null && figure.note ? `  (${figure.note})` : '';
  return `  ${figure.label.padEnd(34)} ${value.padEnd(28)} ${target.padEnd(20)} ${mark}${note}`;
}

export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * Writes latest.json atomically: the figures by key (null when not measured) plus the run's context,
 * merged over what the file already holds, so keys written by other runs or tools stay.
 */
export function writeLatestJson(reportDir: string, figures: readonly Figure[], context: Record<string, unknown>): string {
  mkdirSync(reportDir, { recursive: true });
  const file = join(reportDir, 'latest.json');
  const previous = readPrevious(file);
  const body: Record<string, unknown> = { ...previous };
  for (const figure of figures)
    body[figure.key] = figure.value === null || !Number.isFinite(figure.value) ? null : round(figure.value, figure.digits ?? 0);
  body.verdicts = {
    ...(previous.verdicts as Record<string, unknown> | undefined),
    ...Object.fromEntries(figures.filter((f) => f.target).map((f) => [f.key, verdict(f)])),
  };
  body.context = { ...(previous.context as Record<string, unknown> | undefined), ...context };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(body, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

function readPrevious(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {}; // a broken file is replaced, not merged
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** Math.max(digits, 1);
  return Math.round(value * f) / f;
}
