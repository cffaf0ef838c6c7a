import type { DETECTION_METHODS } from '@wijksignaal/contracts/alarm-explanation';

/**
 * Which detection methods the pipeline's chain runs for a series, and why, from its history length (complete
 * weeks before the week judged). One source of truth: the pipeline's `chooseMethods` takes its thresholds and
 * method list from here, and the API explains a series' choice with the same function, in Dutch and English.
 */

export type DetectionMethodName = (typeof DETECTION_METHODS)[number];

/** Under this many complete weeks nothing is judged: EARS C1's 7-week baseline is the shortest. */
export const MIN_HISTORY_WEEKS = 7;
/** From this many complete weeks Farrington runs too: it needs earlier years around the same time of year. */
export const FARRINGTON_FROM_WEEKS = 78;

/**
 * CUSUM as the live chain runs it: R's `algo.cusum` (k 1.04, h 2.26, m the mean of the training weeks,
 * standard transform, reset after an alarm), once per quarter of the period grid: the run starts at 0 in
 * the quarter's first week, trained on the `trainingWeeks` weeks before the quarter (at least
 * `minTrainingWeeks`). Anchored to the calendar, a week's result reads only its quarter and the half year
 * before it, so it never changes when later weeks arrive.
 */
export const LIVE_CUSUM = { k: 1.04, h: 2.26, trainingWeeks: 26, minTrainingWeeks: MIN_HISTORY_WEEKS } as const;

export interface Bilingual {
  nl: string;
  en: string;
}

export interface MethodDecision {
  method: DetectionMethodName;
  runs: boolean;
  why: Bilingual;
}

export interface MethodChoiceExplained {
  /** Complete weeks of history; a value of `FARRINGTON_FROM_WEEKS` or more may stand for "at least that many". */
  historyWeeks: number;
  methods: DetectionMethodName[];
  decisions: MethodDecision[];
}

/** The methods the chain runs for this much history (Farrington only when the run provides it). */
export function methodsForHistory(weeks: number, farringtonAvailable = true): DetectionMethodName[] {
  if (weeks < MIN_HISTORY_WEEKS) return [];
  const methods: DetectionMethodName[] = ['earsC1', 'earsC2', 'earsC3'];
  if (weeks >= FARRINGTON_FROM_WEEKS && farringtonAvailable) methods.push('farrington');
  methods.push('cusum');
  return methods;
}

function historyText(weeks: number): Bilingual {
  return weeks >= FARRINGTON_FROM_WEEKS
    ? { nl: `minstens ${FARRINGTON_FROM_WEEKS} weken`, en: `at least ${FARRINGTON_FROM_WEEKS} weeks` }
    : { nl: `${weeks} ${weeks === 1 ? 'week' : 'weken'}`, en: `${weeks} ${weeks === 1 ? 'week' : 'weeks'}` };
}

/** Per method whether it runs for `weeks` complete weeks of history, and why, in both languages. */
export function explainMethodChoice(weeks: number, options: { farringtonWeeks?: number } = {}): MethodChoiceExplained {
  const h = historyText(weeks);
  const methods = methodsForHistory(weeks);
  const short = weeks < MIN_HISTORY_WEEKS;
  const tooShort: Bilingual = {
    nl: `Deze reeks heeft ${h.nl} historie; detectie begint bij ${MIN_HISTORY_WEEKS} complete weken.`,
    en: `This series has ${h.en} of history; detection starts at ${MIN_HISTORY_WEEKS} complete weeks.`,
  };
  const ears = (variant: 'C1' | 'C2' | 'C3'): MethodDecision => ({
    method: `ears${variant}`,
    runs: !short,
    why: short
      ? tooShort
      : variant === 'C1'
        ? {
            nl: `EARS C1 vergelijkt de week met het gemiddelde en de spreiding van de 7 weken ervoor; daarvoor is ${MIN_HISTORY_WEEKS} weken historie nodig en deze reeks heeft ${h.nl}.`,
            en: `EARS C1 compares the week with the mean and spread of the 7 weeks before it; that needs ${MIN_HISTORY_WEEKS} weeks of history and this series has ${h.en}.`,
          }
        : variant === 'C2'
          ? {
              nl: 'EARS C2 doet hetzelfde, maar laat de 2 weken vlak voor de week buiten de basislijn, zodat een uitbraak die net begon zijn eigen basislijn niet ophoogt.',
              en: 'EARS C2 does the same but leaves the 2 weeks just before the week out of the baseline, so an outbreak that just started does not raise its own baseline.',
            }
          : {
              nl: 'EARS C3 telt de overschrijdingen van C2 in de 2 weken ervoor op: het signaleert een stijging die aanhoudt.',
              en: 'EARS C3 adds up the C2 excesses of the 2 weeks before: it flags an increase that lasts.',
            },
  });
  const farringtonRuns = methods.includes('farrington');
  const recent = options.farringtonWeeks;
  const farrington: MethodDecision = {
    method: 'farrington',
    runs: farringtonRuns,
    why: farringtonRuns
      ? {
          nl: `Farrington (instellingen van Noufaily) vergelijkt met dezelfde tijd van het jaar in de 3 jaren ervoor en houdt rekening met seizoen en trend; het draait vanaf ${FARRINGTON_FROM_WEEKS} weken historie en deze reeks heeft ${h.nl}. Een week beoordeelt het pas als er 3 jaar en 3 weken aan voorafgaan; tot dan zegt de uitleg van de week waarom niet.${recent ? ` Het wordt berekend voor de ${recent} meest recente complete weken.` : ''}`,
          en: `Farrington (Noufaily settings) compares with the same time of year in the 3 years before and allows for season and trend; it runs from ${FARRINGTON_FROM_WEEKS} weeks of history and this series has ${h.en}. It judges a week only once 3 years and 3 weeks lie before it; until then the week's explanation says why not.${recent ? ` It is computed for the ${recent} most recent complete weeks.` : ''}`,
        }
      : {
          nl: `Farrington wordt niet gebruikt: het vergelijkt met eerdere jaren en heeft minstens ${FARRINGTON_FROM_WEEKS} weken (anderhalf jaar) historie nodig; deze reeks heeft ${h.nl}.`,
          en: `Farrington is not used: it compares with earlier years and needs at least ${FARRINGTON_FROM_WEEKS} weeks (a year and a half) of history; this series has ${h.en}.`,
        },
  };
  const cusum: MethodDecision = {
    method: 'cusum',
    runs: !short,
    why: short
      ? tooShort
      : {
          nl: `CUSUM vult EARS aan: het telt kleine overschrijdingen van het gemiddelde van de ${LIVE_CUSUM.trainingWeeks} weken vóór het kwartaal week na week op, zodat een bescheiden stijging die weken aanhoudt een alarm geeft, ook als de korte basislijn van EARS meestijgt. Na een alarm en aan het begin van elk kwartaal begint de som opnieuw bij 0; het heeft minstens ${LIVE_CUSUM.minTrainingWeeks} weken vóór het kwartaal nodig.`,
          en: `CUSUM complements EARS: it adds up small excesses over the mean of the ${LIVE_CUSUM.trainingWeeks} weeks before the quarter week after week, so a modest increase that lasts for weeks raises an alarm even when EARS's short baseline rises with it. After an alarm and at the start of each quarter the sum restarts at 0; it needs at least ${LIVE_CUSUM.minTrainingWeeks} weeks before the quarter.`,
        },
  };
  return { historyWeeks: weeks, methods, decisions: [ears('C1'), ears('C2'), ears('C3'), farrington, cusum] };
}
