import { z } from 'zod';
import { isValidIsoWeek } from './iso-week.ts';

/** The signal contract v1 (DESIGN.md §3). Nothing in a signal identifies a person. */
export const SOURCE_KINDS = [
  'home_care',
  'school',
  'police',
  'youth_work',
  'elderly_work',
  'general_practice',
  'housing',
  'social_team',
] as const;
export const THEMES = ['loneliness', 'school_absence', 'escalation'] as const;
export const CATEGORIES_BY_THEME = {
  loneliness: ['social', 'emotional', 'isolation', 'unspecified'],
  school_absence: ['relative_16h', 'long_term', 'luxury', 'other', 'absolute'],
  escalation: ['confused_behaviour', 'youth_nuisance', 'domestic_violence', 'neighbour_dispute', 'other_nuisance'],
} as const;
export const AGE_BANDS = ['0-3', '4-11', '12-14', '15-17', '18-24', '25-44', '45-64', '65-74', '75+', 'unknown'] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;

export type SourceKind = (typeof SOURCE_KINDS)[number];
export type Theme = (typeof THEMES)[number];
export type Category = (typeof CATEGORIES_BY_THEME)[Theme][number];
export type AgeBand = (typeof AGE_BANDS)[number];
export type Severity = (typeof SEVERITIES)[number];

export const PARTNER_PATTERN = /^[a-z0-9-]{3,64}$/;
export const WIJK_CODE_PATTERN = /^WK\d{4}[0-9A-Z]{2}$/;
export const BUURT_CODE_PATTERN = /^BU\d{4}[0-9A-Z]{4}$/;

const commonFields = {
  id: z.uuid({ message: 'must be a UUID made by the producer' }),
  partner: z.string().regex(PARTNER_PATTERN, 'must be a registered partner id (a-z, 0-9, -; 3 to 64 characters)'),
  sourceKind: z.enum(SOURCE_KINDS),
  area: z
    .string()
    .refine((v) => WIJK_CODE_PATTERN.test(v) || BUURT_CODE_PATTERN.test(v), 'must be a CBS wijk (WK……) or buurt (BU……) code'),
  areaYear: z.number().int().min(2000).max(2100),
  week: z.string().refine(isValidIsoWeek, 'must be an ISO week YYYY-Www that exists in that year'),
  ageBand: z.enum(AGE_BANDS),
  severity: z.enum(SEVERITIES),
  count: z.number().int().min(1).max(10_000).default(1),
};

function themed<T extends Theme>(theme: T) {
  return z.strictObject({
    ...commonFields,
    theme: z.literal(theme),
    category: z.enum(CATEGORIES_BY_THEME[theme] as unknown as readonly [string, ...string[]]),
  });
}

export const signalSchema = z.discriminatedUnion('theme', [themed('loneliness'), themed('school_absence'), themed('escalation')]);

/** A signal as a partner sends it (count optional). */
export type SignalInput = z.input<typeof signalSchema>;
/** A signal after validation (count filled in). */
export type Signal = z.output<typeof signalSchema> & { theme: Theme; category: Category };

/** JSON Schema of the contract, for partners. */
export function signalJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(signalSchema, { io: 'input' }) as Record<string, unknown>;
}
