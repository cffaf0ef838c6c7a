import { addIsoWeeks, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Bilingual, DetectionMethodName } from './method-choice.ts';

/**
 * Which weeks a method's expected value came from for one judged week, and which it left out and why, from
 * what the pipeline stored (the baseline window and the method's parameters). Pure.
 */

export interface LeftOutWeeks {
  /** First and last week left out; null where the rule is not one stretch of weeks. */
  from: IsoWeek | null;
  to: IsoWeek | null;
  why: Bilingual;
}

export interface BaselineExplained {
  from: IsoWeek | null;
  to: IsoWeek | null;
  leftOut: LeftOutWeeks[];
}

/** The running week is never judged, by any method. */
export const RUNNING_WEEK_NOTE: Bilingual = {
  nl: 'De lopende week wordt niet beoordeeld: de telling is nog niet definitief.',
  en: 'The running week is not judged: its count is not final yet.',
};

type Params = Readonly<Record<string, unknown>>;

const num = (params: Params, key: string, fallback: number): number =>
  typeof params[key] === 'number' ? (params[key] as number) : fallback;

function earsLeftOut(method: DetectionMethodName, week: IsoWeek, params: Params): LeftOutWeeks[] {
  const guard = num(params, 'guard', method === 'earsC1' ? 0 : 2);
  if (guard === 0) return [];
  const guardWeeks: LeftOutWeeks = {
    from: addIsoWeeks(week, -guard),
    to: addIsoWeeks(week, -1),
    why: {
      nl: `De ${guard} weken vlak voor de week tellen niet mee in de basislijn, zodat een uitbraak die net begon zijn eigen verwachting niet ophoogt.`,
      en: `The ${guard} weeks just before the week are left out of the baseline, so an outbreak that just started does not raise its own expected value.`,
    },
  };
  if (method !== 'earsC3') return [guardWeeks];
  return [
    guardWeeks,
    {
      from: addIsoWeeks(week, -2),
      to: addIsoWeeks(week, -1),
      why: {
        nl: 'C3 telt wel de overschrijdingen van C2 in die 2 weken op in zijn grens: zo signaleert het een stijging die aanhoudt.',
        en: 'C3 does add the C2 excesses of those 2 weeks into its bound: that is how it flags an increase that lasts.',
      },
    },
  ];
}

function farringtonLeftOut(week: IsoWeek, params: Params): LeftOutWeeks[] {
  const b = num(params, 'b', 3);
  const w = num(params, 'w', 3);
  const notIncluded = num(params, 'pastWeeksNotIncluded', w);
  const periods = num(params, 'noPeriods', 1);
  const recent: LeftOutWeeks = {
    from: addIsoWeeks(week, -notIncluded),
    to: addIsoWeeks(week, -1),
    why: {
      nl: `De ${notIncluded} weken vóór de week tellen niet mee, zodat een recente stijging of een uitbraak die nog loopt de verwachting niet ophoogt.`,
      en: `The ${notIncluded} weeks before the week are left out, so a recent rise or an outbreak still going on does not raise the expected value.`,
    },
  };
  const reference: LeftOutWeeks =
    periods > 1
      ? {
          from: null,
          to: null,
          why: {
            nl: `Alle weken van de ${b} jaren ervoor tellen mee, verdeeld in ${periods} seizoensperioden (instellingen van Noufaily); weken met een uitzonderlijk hoog aantal wegen minder mee.`,
            en: `Every week of the ${b} years before counts, split into ${periods} seasonal periods (Noufaily settings); weeks with an unusually high count weigh less.`,
          },
        }
      : {
          from: null,
          to: null,
          why: {
            nl: `Alleen de weken binnen ${w} weken van dezelfde week in elk van de ${b} jaren ervoor tellen mee; alle andere weken blijven buiten de basislijn.`,
            en: `Only the weeks within ${w} weeks of the same week in each of the ${b} years before count; every other week stays out of the baseline.`,
          },
        };
  return [recent, reference];
}

function cusumLeftOut(week: IsoWeek, params: Params): LeftOutWeeks[] {
  const start = typeof params.evaluateFrom === 'string' ? (params.evaluateFrom as IsoWeek) : null;
  if (start === null || start >= week) return [];
  return [
    {
      from: start,
      to: addIsoWeeks(week, -1),
      why: {
        nl: `De weken van het kwartaal vóór deze week (vanaf ${start}) tellen niet mee in het gemiddelde; hun overschrijdingen zitten in de opgetelde som.`,
        en: `The quarter's weeks before this one (from ${start}) are not part of the mean; their excesses are in the running sum.`,
      },
    },
  ];
}

/**
 * Weeks of alarms marked as a known event that lay in the baseline (`params.knownEventWeeks`, stored by the
 * pipeline): counted at their expected value, one entry per run of consecutive weeks.
 */
function knownEventLeftOut(params: Params): LeftOutWeeks[] {
  const weeks = Array.isArray(params.knownEventWeeks) ? (params.knownEventWeeks as IsoWeek[]) : [];
  const runs: { from: IsoWeek; to: IsoWeek }[] = [];
  for (const week of weeks) {
    const last = runs.at(-1);
    if (last !== undefined && addIsoWeeks(last.to, 1) === week) last.to = week;
    else runs.push({ from: week, to: week });
  }
  return runs.map(({ from, to }) => ({
    from,
    to,
    why: {
      nl: `${from === to ? `Week ${from} hoort` : `De weken ${from} t/m ${to} horen`} bij een alarm dat als bekende gebeurtenis is gemarkeerd: de basislijn telt ${from === to ? 'die week' : 'die weken'} met de verwachte waarde van toen, zodat de gebeurtenis de verwachting niet ophoogt.`,
      en: `${from === to ? `Week ${from} belongs` : `Weeks ${from} to ${to} belong`} to an alarm marked as a known event: the baseline counts ${from === to ? 'it' : 'them'} at the expected value of the time, so the event does not raise the expected value.`,
    },
  }));
}

export function explainBaseline(
  method: DetectionMethodName,
  week: IsoWeek,
  stored: { baselineFrom: IsoWeek | null; baselineTo: IsoWeek | null; params: Params },
): BaselineExplained {
  const leftOut =
    method === 'farrington'
      ? farringtonLeftOut(week, stored.params)
      : method === 'cusum'
        ? cusumLeftOut(week, stored.params)
        : earsLeftOut(method, week, stored.params);
  return { from: stored.baselineFrom, to: stored.baselineTo, leftOut: [...leftOut, ...knownEventLeftOut(stored.params)] };
}
