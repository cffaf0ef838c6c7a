/**
 * The privacy guard (DESIGN.md §3): finds anything in a parsed message that looks like personal data,
 * at any depth, in values and in keys. It returns only the kind and where it was, never the value,
 * so the answer can go into dead-letter headers, logs and counters as it is.
 */
import { passesBsnElevenTest } from './bsn.ts';
import { renderPath, type PathSegment } from './json-path.ts';
import { isDutchPhoneNumber, personalDataInText, type PersonalDataKind } from './personal-data-in-text.ts';

export type { PersonalDataKind } from './personal-data-in-text.ts';

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** JSON path like `$.note` or `$.items[3]`; keys that are not plain field names show as `<field>`. */
  path: string;
}

interface Frame {
  value: unknown;
  parent: Frame | null;
  key: PathSegment | null;
}

export function findPersonalData(value: unknown): PersonalDataFinding | null {
  const rootKind = primitiveKind(value);
  if (rootKind) return { kind: rootKind, path: '$' };
  if (typeof value !== 'object' || value === null) return null;
  // An explicit stack, not recursion: a 4 KB message can nest two thousand levels deep.
  // Only containers get a frame; strings and numbers are checked where they are met, which keeps
  // a flat signal to one frame.
  const stack: Frame[] = [{ value, parent: null, key: null }];
  const seen = new Set<object>([value]);
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const v = frame.value as object;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const found = visitChild(v[i], frame, i, stack, seen);
        if (found) return found;
      }
    } else {
      const keys = Object.keys(v);
      for (const key of keys) {
        const kind = personalDataInText(key);
        if (kind) return { kind, path: pathOf(frame, key) };
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        const found = visitChild((v as Record<string, unknown>)[key], frame, key, stack, seen);
        if (found) return found;
      }
    }
  }
  return null;
}

function visitChild(
  child: unknown,
  parent: Frame,
  key: PathSegment,
  stack: Frame[],
  seen: Set<object>,
): PersonalDataFinding | null {
  if (typeof child === 'object' && child !== null) {
    if (!seen.has(child)) {
      seen.add(child);
      stack.push({ value: child, parent, key });
    }
    return null;
  }
  const kind = primitiveKind(child);
  return kind ? { kind, path: pathOf(parent, key) } : null;
}

function primitiveKind(v: unknown): PersonalDataKind | null {
  if (typeof v === 'string') return personalDataInText(v);
  if (typeof v === 'number' || typeof v === 'bigint') return personalDataInNumber(v);
  return null;
}

/**
 * Numbers lose their leading zero, so an 8- or 9-digit integer is checked as a BSN, and a 9-digit one
 * starting with 1–7 is a Dutch phone number without its 0 (how spreadsheets store `0612345678`).
 */
export function personalDataInNumber(n: number | bigint): PersonalDataKind | null {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) return null;
  const digits = (n < 0 ? -n : n).toString();
  if ((digits.length === 9 || digits.length === 8) && passesBsnElevenTest(digits)) return 'bsn';
  if (digits.length === 9 && digits.charAt(0) >= '1' && digits.charAt(0) <= '7') return 'phone';
  if (digits.length === 11 && isDutchPhoneNumber(digits, false)) return 'phone';
  return null;
}

function pathOf(frame: Frame, key: PathSegment): string {
  const segments: PathSegment[] = [key];
  for (let f: Frame | null = frame; f !== null && f.key !== null; f = f.parent) segments.push(f.key);
  return renderPath(segments.reverse());
}
