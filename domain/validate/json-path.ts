import { personalDataInText } from './personal-data-in-text.ts';

/**
 * Renders a location in a parsed message as `$.field[2].sub` for dead-letter details.
 * A key is shown only when it looks like a field name; any other key (it could itself be the personal
 * data, or a name) is shown as `<field>`, because a detail must never repeat what the partner sent.
 */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

export type PathSegment = string | number | symbol;

export function renderPathSegment(segment: PathSegment): string {
  if (typeof segment === 'number') return `[${segment}]`;
  if (typeof segment === 'string' && isShowableKey(segment)) return `.${segment}`;
  return '.<field>';
}

export function renderPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const s of segments) out += renderPathSegment(s);
  return out;
}

export function isShowableKey(key: string): boolean {
  return FIELD_NAME.test(key) && personalDataInText(key) === null;
}
