import { personalDataInText } from '@wijksignaal/domain/validate/personal-data-in-text';
import { ProblemError } from '../http/problem.ts';

const KIND_WORDS = {
  bsn: 'a BSN',
  email: 'an e-mail address',
  phone: 'a phone number',
  postcode_house_number: 'a postcode with a house number',
} as const;

/**
 * Notes are about an area and what was done, never about a person: a note that holds what the privacy guard
 * recognises as personal data (`domain/validate/personal-data-in-text.ts`) is refused with one line saying
 * what kind was found, never repeating it. Returns the note, trimmed, or null for an empty one.
 */
export function checkedNote(note: string | null | undefined): string | null {
  const text = note?.trim() ?? '';
  if (text === '') return null;
  const kind = personalDataInText(text);
  if (kind) {
    const reason = `looks like it holds ${KIND_WORDS[kind]}; a note is about the area and what was done, never about a person`;
    throw new ProblemError(400, `note ${reason}`, { invalidParams: [{ name: 'note', reason }] });
  }
  return text;
}
