import { z } from 'zod';
import { alarmLevelSchema } from './http.ts';
import { THEMES } from './signal.ts';
import { cellSchema } from './suppressed-cell.ts';

/**
 * Why a wijk's series carries the detection methods it does, and why an alarm week is one, method by
 * method (`GET /areas/{code}/detection-methods`, `GET /areas/{code}/alarm-explanations/{week}`). Counts are
 * cells as everywhere (`<k` when withheld); expected values and thresholds as the series shows them.
 */

export const DETECTION_METHODS = ['earsC1', 'earsC2', 'earsC3', 'farrington', 'cusum'] as const;
export const detectionMethodSchema = z.enum(DETECTION_METHODS);

export const bilingualText = z.object({ nl: z.string(), en: z.string() });

export const methodDecision = z.object({
  method: detectionMethodSchema,
  /** Whether the chain runs this method for the series' history. */
  runs: z.boolean(),
  why: bilingualText,
});

export const detectionMethodsResponse = z.object({
  code: z.string(),
  name: z.string(),
  theme: z.enum(THEMES),
  /** The newest week detection stored a result for (the running week); null when it has none yet. */
  asOfWeek: z.string().nullable(),
  /** Complete weeks of history detection chose from; `historyAtLeast` when it stands for "this many or more". */
  historyWeeks: z.number().int(),
  historyAtLeast: z.boolean(),
  methods: z.array(methodDecision),
  runningWeek: bilingualText,
});
export type DetectionMethodsResponse = z.infer<typeof detectionMethodsResponse>;

export const leftOutWeeks = z.object({ from: z.string().nullable(), to: z.string().nullable(), why: bilingualText });

export const methodExplanation = z.object({
  method: detectionMethodSchema,
  /** The method's version as it computed this row (changes whenever its code or defaults do). */
  version: z.string().nullable(),
  evaluated: z.boolean(),
  fired: z.boolean(),
  level: alarmLevelSchema,
  observed: cellSchema,
  expected: cellSchema.nullable(),
  threshold: cellSchema.nullable(),
  /** EARS C1/C2: (observed − mean)/σ; C3: the C2 excess of the 2 weeks before; Farrington: its score; CUSUM: the sum S. */
  statistic: z.number().nullable(),
  pValue: z.number().nullable(),
  baseline: z.object({ from: z.string().nullable(), to: z.string().nullable(), leftOut: z.array(leftOutWeeks) }),
  parameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  text: bilingualText,
});
export type MethodExplanation = z.infer<typeof methodExplanation>;

export const alarmExplanationResponse = z.object({
  code: z.string(),
  name: z.string(),
  theme: z.enum(THEMES),
  week: z.string(),
  /** The week's verdict: the worst level of its methods, and the method shown for it. */
  level: alarmLevelSchema,
  verdictMethod: detectionMethodSchema,
  /** The published weekly cell (`<k` when withheld): what every method judged. */
  count: cellSchema,
  historyWeeks: z.number().int(),
  historyAtLeast: z.boolean(),
  choice: z.array(methodDecision),
  methods: z.array(methodExplanation),
  k: z.number().int(),
});
export type AlarmExplanationResponse = z.infer<typeof alarmExplanationResponse>;
