import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Cell } from '@wijksignaal/contracts/suppressed-cell';
import type { AlarmLevel } from '../priority/alarm-level.ts';
import { explainBaseline, type BaselineExplained } from './baseline-explained.ts';
import { figureText, LEVEL_WORDS, METHOD_LABELS, pValueText, scoreText, type Language } from './explained-figures.ts';
import type { Bilingual, DetectionMethodName } from './method-choice.ts';

/**
 * One method's result for one week, explained: the figures as the response shows them (observed, expected
 * and threshold already protected by the caller), its baseline, its parameters and version, and a sentence
 * in Dutch and English. Pure: the stored row in, the explanation out, so the explanation can only say what
 * the method itself computed.
 */

/** A method's figures for one week, as the response shows them. */
export interface MethodFigures {
  level: AlarmLevel;
  observed: Cell;
  expected: Cell | null;
  threshold: Cell | null;
  /** EARS C1/C2: (observed − mean)/σ; C3: the lagged C2 excess; Farrington: its score; CUSUM: the sum S after the week. */
  statistic: number | null;
  pValue: number | null;
}

/** The figures of any row that has them (a stored row, a detection result), and nothing else. */
export function figuresOf(row: MethodFigures): MethodFigures {
  const { level, observed, expected, threshold, statistic, pValue } = row;
  return { level, observed, expected, threshold, statistic, pValue };
}

export interface StoredMethodResult extends MethodFigures {
  method: DetectionMethodName;
  week: IsoWeek;
  /** Null when the method judged the week; otherwise why not (as the pipeline stored it, in English). */
  reason: string | null;
  alarm: boolean;
  /** The stored `params` JSON, parsed: the method's settings, `version`, `baselineFrom`/`baselineTo`, `historyWeeks`. */
  params: Readonly<Record<string, unknown>>;
}

export type ParameterValue = number | string | boolean | null;

export interface MethodResultExplained extends MethodFigures {
  method: DetectionMethodName;
  version: string | null;
  evaluated: boolean;
  fired: boolean;
  baseline: BaselineExplained;
  /** The method's own settings (no bookkeeping keys), as it ran. */
  parameters: Record<string, ParameterValue>;
  text: Bilingual;
}

// knownEventWeeks is shown as the baseline's left-out weeks (`baseline-explained.ts`), not as a setting.
const BOOKKEEPING = new Set(['version', 'baselineFrom', 'baselineTo', 'historyWeeks', 'knownEventWeeks']);

function parametersOf(params: Readonly<Record<string, unknown>>): Record<string, ParameterValue> {
  const out: Record<string, ParameterValue> = {};
  for (const [key, value] of Object.entries(params)) {
    if (BOOKKEEPING.has(key)) continue;
    if (value === null || ['number', 'string', 'boolean'].includes(typeof value)) out[key] = value as ParameterValue;
    else out[key] = JSON.stringify(value);
  }
  return out;
}

function verdictText(row: StoredMethodResult, language: Language): string {
  if (!row.alarm && row.level === 'none') return language === 'nl' ? 'geen alarm' : 'no alarm';
  return `alarm (${LEVEL_WORDS[row.level][language]})`;
}

function sentence(row: StoredMethodResult, language: Language): string {
  const label = METHOD_LABELS[row.method];
  const nl = language === 'nl';
  if (row.reason !== null) {
    return nl ? `${label} heeft deze week niet beoordeeld (${row.reason}).` : `${label} did not judge this week (${row.reason}).`;
  }
  const observed = figureText(row.observed, language);
  const expected = figureText(row.expected, language);
  const threshold = figureText(row.threshold, language);
  const verdict = verdictText(row, language);
  const p = row.pValue === null ? '' : `; p ${pValueText(row.pValue, language)}`;
  if (row.method === 'cusum') {
    const h = typeof row.params.h === 'number' ? scoreText(row.params.h, language) : 'h';
    const sum = row.statistic === null ? '–' : scoreText(row.statistic, language);
    if (row.alarm) {
      return nl
        ? `${label} zag ${observed} meldingen tegen een verwachting van ${expected} per week (grens ${threshold}); de opgetelde overschrijding bereikte ${h}: ${verdict}. Daarna begint de som opnieuw bij 0.`
        : `${label} saw ${observed} signals against an expected ${expected} a week (bound ${threshold}); the summed excess reached ${h}: ${verdict}. The sum then restarts at 0.`;
    }
    return nl
      ? `${label} zag ${observed} meldingen tegen een verwachting van ${expected} per week (grens ${threshold}); de opgetelde overschrijding staat op ${sum}, alarm vanaf ${h}: ${verdict}.`
      : `${label} saw ${observed} signals against an expected ${expected} a week (bound ${threshold}); the summed excess stands at ${sum}, an alarm from ${h}: ${verdict}.`;
  }
  if (row.method === 'earsC3') {
    const lagged = row.statistic === null ? '–' : scoreText(row.statistic, language);
    return nl
      ? `${label} vond ${observed} meldingen (drempel ${threshold}, gemiddelde van de basislijn ${expected}); de overschrijdingen van C2 in de 2 weken ervoor tellen samen ${lagged}: ${verdict}.`
      : `${label} found ${observed} signals (threshold ${threshold}, baseline mean ${expected}); the C2 excesses of the 2 weeks before add up to ${lagged}: ${verdict}.`;
  }
  return nl
    ? `${label} vond ${observed} meldingen waar ${expected} werd verwacht (drempel ${threshold})${p}: ${verdict}.`
    : `${label} found ${observed} signals where ${expected} were expected (threshold ${threshold})${p}: ${verdict}.`;
}

export function explainMethodResult(row: StoredMethodResult): MethodResultExplained {
  const baselineFrom = typeof row.params.baselineFrom === 'string' ? (row.params.baselineFrom as IsoWeek) : null;
  const baselineTo = typeof row.params.baselineTo === 'string' ? (row.params.baselineTo as IsoWeek) : null;
  return {
    method: row.method,
    version: typeof row.params.version === 'string' ? row.params.version : null,
    evaluated: row.reason === null,
    fired: row.alarm,
    ...figuresOf(row),
    baseline:
      row.reason === null
        ? explainBaseline(row.method, row.week, { baselineFrom, baselineTo, params: row.params })
        : { from: null, to: null, leftOut: [] },
    parameters: parametersOf(row.params),
    text: { nl: sentence(row, 'nl'), en: sentence(row, 'en') },
  };
}
