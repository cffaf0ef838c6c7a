import type { QualityAlarm } from './quality-alarm.ts';

type Figures = Omit<QualityAlarm, 'why'> & { rejected?: number; total?: number };

/**
 * The reason of an alarm in plain Dutch and English, with the usual and the observed figures. Partner
 * and source kind are left out: the screens show them in columns of their own, in their own words.
 */
export function explainQualityAlarm(a: Figures): { nl: string; en: string } {
  const usualNl = whole(a.usual, 'nl');
  const usualEn = whole(a.usual, 'en');
  switch (a.kind) {
    case 'silent': {
      const since = stamp(a.lastDeliveryAt ?? 0);
      const after = a.silentAfterMs ?? 0;
      return {
        nl: `Niets ontvangen sinds ${since}. Gewoonlijk ${usualNl} signalen per week; na ${duration(after, 'nl')} zonder levering is dat geen toeval meer.`,
        en: `Nothing received since ${since}. Usually ${usualEn} signals a week; after ${duration(after, 'en')} without a delivery that is no longer chance.`,
      };
    }
    case 'low_volume':
      return {
        nl: `In de week van ${a.week} kwamen ${whole(a.observed ?? 0, 'nl')} signalen binnen, gewoonlijk ${usualNl} per week (p = ${p(a.pValue, 'nl')}).`,
        en: `In the week of ${a.week}, ${whole(a.observed ?? 0, 'en')} signals arrived, usually ${usualEn} a week (p = ${p(a.pValue, 'en')}).`,
      };
    case 'rejections_up':
      return {
        nl: `In de week van ${a.week} werd ${percent(a.observed ?? 0, 'nl')} afgewezen (${a.rejected ?? 0} van ${a.total ?? 0}), gewoonlijk ${percent(a.usual, 'nl')} (p = ${p(a.pValue, 'nl')}).`,
        en: `In the week of ${a.week}, ${percent(a.observed ?? 0, 'en')} were rejected (${a.rejected ?? 0} of ${a.total ?? 0}), usually ${percent(a.usual, 'en')} (p = ${p(a.pValue, 'en')}).`,
      };
  }
}

type Lang = 'nl' | 'en';
const LOCALE: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

function whole(value: number, lang: Lang): string {
  return Math.round(value).toLocaleString(LOCALE[lang]);
}

function percent(share: number, lang: Lang): string {
  return `${(share * 100).toLocaleString(LOCALE[lang], { maximumFractionDigits: 1 })}%`;
}

function p(value: number | null, lang: Lang): string {
  if (value === null) return '–';
  if (value < 0.0001) return lang === 'nl' ? '< 0,0001' : '< 0.0001';
  return value.toLocaleString(LOCALE[lang], { maximumSignificantDigits: 2 });
}

function stamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function duration(ms: number, lang: Lang): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 120) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 48) return lang === 'nl' ? `${h} uur` : `${h} hours`;
  const d = Math.round(h / 24);
  return lang === 'nl' ? `${d} dagen` : `${d} days`;
}
