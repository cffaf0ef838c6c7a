/**
 * Turns the first zod issue into a dead-letter detail a partner can act on: `<path>: <what is expected>`.
 * Written out per issue code instead of using zod's messages, because zod repeats unknown keys verbatim
 * and a detail must never carry what the partner sent (it may be the personal data itself).
 * Only contract constants (expected types, allowed values, limits) and messages the contract itself
 * defines appear in the text.
 */
import type { z } from 'zod';
import { isShowableKey, renderPath, type PathSegment } from './json-path.ts';

type Issue = z.core.$ZodIssue;

const MAX_LISTED_OPTIONS = 12;

export function describeZodIssue(issue: Issue, root: unknown): string {
  return `${renderPath(issue.path)}: ${describeProblem(issue, root)}`;
}

function describeProblem(issue: Issue, root: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const actual = valueAt(root, issue.path);
      if (actual === undefined) return 'is required';
      return `must be ${withArticle(typeName(issue.expected))} (got ${withArticle(jsonTypeOf(actual))})`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${quote(issue.values[0])}` : `must be one of ${listOptions(issue.values)}`;
    case 'invalid_union': {
      const options = 'options' in issue ? issue.options : undefined;
      if (issue.discriminator !== undefined && options && options.length > 0) {
        return `must be one of ${listOptions(options)}`;
      }
      return 'does not match any form the contract allows';
    }
    case 'too_big':
      return `must be ${issue.inclusive === false ? 'below' : 'at most'} ${String(issue.maximum)}${unitOf(issue.origin)}`;
    case 'too_small':
      return `must be ${issue.inclusive === false ? 'above' : 'at least'} ${String(issue.minimum)}${unitOf(issue.origin)}`;
    case 'unrecognized_keys': {
      const names = issue.keys.map((k) => (isShowableKey(k) ? k : '<field>'));
      const listed = [...new Set(names)].join(', ');
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${listed}; the contract allows no other fields`;
    }
    case 'invalid_format':
      // The contract gives every format check its own message; zod's default names only the format.
      return issue.message.startsWith('Invalid') ? `must be a valid ${issue.format}` : issue.message;
    case 'custom':
      return issue.message;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return 'is not valid';
  }
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = root;
  for (const segment of path) {
    if (typeof v !== 'object' || v === null || typeof segment === 'symbol') return undefined;
    v = (v as Record<string | number, unknown>)[segment];
  }
  return v;
}

function typeName(expected: string): string {
  return expected === 'int' ? 'integer' : expected;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'fraction';
  return typeof value;
}

function withArticle(word: string): string {
  if (word === 'null') return 'null';
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function unitOf(origin: string): string {
  if (origin === 'string') return ' characters';
  if (origin === 'array') return ' items';
  return '';
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function listOptions(values: readonly unknown[]): string {
  const shown = values.slice(0, MAX_LISTED_OPTIONS).map(quote).join(', ');
  return values.length > MAX_LISTED_OPTIONS ? `${shown}, …` : shown;
}
