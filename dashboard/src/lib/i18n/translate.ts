import { createTranslator, type Translate } from './create-translator.ts';
import { en } from './en.ts';
import { getLocale, type Locale } from './locale.ts';
import { nl } from './nl.ts';

export { createTranslator, type Params, type Translate } from './create-translator.ts';

const translators: Record<Locale, Translate> = { nl: createTranslator(nl), en: createTranslator(en) };

/** Text in the current language; templates and `$derived`s that call it follow the language switch. */
export const t: Translate = (key, params) => translators[getLocale()](key, params);
