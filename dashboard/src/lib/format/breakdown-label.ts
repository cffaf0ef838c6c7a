import { nl, type MessageKey } from '../i18n/nl.ts';
import type { Translate } from '../i18n/translate.ts';

export type BreakdownDimension = 'category' | 'source' | 'ageBand';

const PREFIX: Record<Exclude<BreakdownDimension, 'ageBand'>, string> = { category: 'wijk.category.', source: 'wijk.source.' };

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(nl, key);
}

/**
 * The words for one value of a breakdown: a category or source kind from the catalogue, an age band as
 * "25-44 jaar". A value the catalogue does not know yet (a newer contract) is shown as the API sends it.
 */
export function breakdownLabel(dimension: BreakdownDimension, key: string, t: Translate): string {
  if (dimension === 'ageBand') return key === 'unknown' ? t('wijk.ageBand.unknown') : t('wijk.ageBandYears', { band: key });
  const messageKey = `${PREFIX[dimension]}${key}`;
  return isMessageKey(messageKey) ? t(messageKey) : key;
}
