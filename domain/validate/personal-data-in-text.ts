/**
 * Recognises personal data inside one string: e-mail addresses, Dutch phone numbers, BSNs (11-proef)
 * and postcodes with a house number, written the way people actually write them.
 * Identifiers a valid signal carries (UUIDs, CBS codes, ISO weeks) are skipped first, so they never
 * look like a phone number or a BSN by accident.
 */
import { passesBsnElevenTest } from './bsn.ts';

export type PersonalDataKind = 'bsn' | 'email' | 'phone' | 'postcode_house_number';

const UUID_EXACT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const CBS_CODE_EXACT = /^(?:GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$/;
const CBS_CODE_ANYWHERE = /(?<![A-Za-z0-9])(?:GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})(?![A-Za-z0-9])/g;
const ISO_WEEK_EXACT = /^\d{4}-W\d{2}$/;
// `1234 AB 12`, `1234AB12`, `1234 ab, 12a`: four digits (no leading zero), two letters, then a number.
const POSTCODE_HOUSE_NUMBER = /(?<![A-Za-z0-9])[1-9]\d{3}\s?[A-Za-z]{2}(?![A-Za-z])[\s,.-]{0,3}\d{1,5}(?!\d)/;

// The shortest personal number we look for is a postcode (4 digits) plus a house number (1 digit).
const MIN_DIGITS = 5;
// Digit groups may be split by at most this many separator characters: ") " in "(020) 123 4567".
const MAX_SEPARATOR_RUN = 3;
// Shortest phone number: 31 + 9 digits after a plus is 11; national 0 + 9 digits is 10.
const MIN_PHONE_DIGITS = 10;
// Longest digit sequence worth checking: 0031 + 9 digits.
const MAX_NUMBER_DIGITS = 13;

export function personalDataInText(text: string): PersonalDataKind | null {
  let digits = 0;
  let hasAt = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 64) hasAt = true;
  }
  if (hasAt && containsEmail(text)) return 'email';
  if (digits < MIN_DIGITS) return null;
  // The fields of a valid signal take these exits, which keeps the guard cheap on the hot path.
  if (text.length === 36 && UUID_EXACT.test(text)) return null;
  if ((text.length === 8 || text.length === 10 || text.length === 6) && CBS_CODE_EXACT.test(text)) return null;
  if (text.length === 8 && ISO_WEEK_EXACT.test(text)) return null;

  const rest = text.replace(UUID_ANYWHERE, ' ').replace(CBS_CODE_ANYWHERE, ' ');
  if (POSTCODE_HOUSE_NUMBER.test(rest)) return 'postcode_house_number';
  return numberInDigitChains(rest);
}

const LOCAL_PART = /[A-Za-z0-9._%+'-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
const TOP_LEVEL = /^[A-Za-z]{2,}$/;

/** Checked around each `@` instead of with one big regex, so a hostile 4 KB string stays linear. */
function containsEmail(text: string): boolean {
  let at = text.indexOf('@');
  while (at !== -1) {
    const before = text.charAt(at - 1);
    if (at > 0 && LOCAL_PART.test(before)) {
      let end = at + 1;
      while (end < text.length && DOMAIN_CHAR.test(text.charAt(end))) end++;
      const labels = text
        .slice(at + 1, end)
        .replace(/[.-]+$/, '')
        .split('.');
      if (labels.length >= 2 && labels.every((l) => l.length > 0) && TOP_LEVEL.test(labels[labels.length - 1] ?? '')) {
        return true;
      }
    }
    at = text.indexOf('@', at + 1);
  }
  return false;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSeparatorCode(c: number): boolean {
  // space, no-break space, tab, - . / ( )
  return c === 32 || c === 160 || c === 9 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41;
}

/**
 * Splits the text into chains of digit groups ("06-1234 5678" → 06, 1234, 5678) and tests every run of
 * whole consecutive groups, so a BSN or phone number is found however it is spaced, but a digit run
 * is never cut in the middle (a 12-digit number does not contain a BSN).
 */
function numberInDigitChains(text: string): PersonalDataKind | null {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isDigitCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const international = text.charAt(i - 1) === '+' || (text.charAt(i - 1) === '(' && text.charAt(i - 2) === '+');
    // The chain's digits without separators, and where each group starts in them.
    let digits = '';
    const starts: number[] = [];
    let start = i;
    let j = i;
    while (j < n) {
      if (isDigitCode(text.charCodeAt(j))) {
        j++;
        continue;
      }
      let sep = j;
      while (sep < n && sep - j < MAX_SEPARATOR_RUN && isSeparatorCode(text.charCodeAt(sep))) sep++;
      if (sep === j || sep >= n || !isDigitCode(text.charCodeAt(sep))) break;
      starts.push(digits.length);
      digits += text.slice(start, j);
      start = sep;
      j = sep;
    }
    starts.push(digits.length);
    digits += text.slice(start, j);
    starts.push(digits.length);
    const kind = numberInGroups(digits, starts, international);
    if (kind) return kind;
    i = j;
  }
  return null;
}

/** `starts` holds each group's offset in `digits`, plus the end; runs are measured before any string is cut. */
function numberInGroups(digits: string, starts: readonly number[], international: boolean): PersonalDataKind | null {
  const groups = starts.length - 1;
  for (let s = 0; s < groups; s++) {
    const from = starts[s] as number;
    for (let e = s + 1; e <= groups; e++) {
      const length = (starts[e] as number) - from;
      if (length > MAX_NUMBER_DIGITS) break;
      if (length < 8) continue;
      const run = digits.slice(from, from + length);
      if ((length === 9 || length === 8) && passesBsnElevenTest(run)) return 'bsn';
      if (length >= MIN_PHONE_DIGITS && isDutchPhoneNumber(run, international && s === 0)) return 'phone';
    }
  }
  return null;
}

/** Digits of a number as written: national `0` + 9 digits, or `+31` / `0031` / `31 6…` + 9 digits. */
export function isDutchPhoneNumber(digits: string, afterPlus: boolean): boolean {
  let subscriber: string;
  if (afterPlus) {
    if (!digits.startsWith('31')) return false;
    subscriber = digits.slice(2);
  } else if (digits.startsWith('0031')) {
    subscriber = digits.slice(4);
  } else if (digits.length === 11 && digits.startsWith('316')) {
    subscriber = digits.slice(2);
  } else {
    return digits.length === 10 && digits.charAt(0) === '0' && digits.charAt(1) !== '0';
  }
  // "+31 (0)20 …": the trunk zero written in brackets is dropped.
  if (subscriber.length === 10 && subscriber.charAt(0) === '0') subscriber = subscriber.slice(1);
  return subscriber.length === 9 && subscriber.charAt(0) !== '0';
}
