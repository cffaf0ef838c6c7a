import { z } from 'zod';
import { SOURCE_KINDS } from './signal.ts';

/** `GET /api/v1/data-quality-alarms`: partners' deliveries that look wrong (domain/quality/README.md). */
export const dataQualityKind = z.enum(['silent', 'low_volume', 'rejections_up']);

export const dataQualityAlarm = z.object({
  partner: z.string(),
  /** The stream's source kind; null for rejections, judged on the partner's delivery as a whole. */
  sourceKind: z.enum(SOURCE_KINDS).nullable(),
  kind: dataQualityKind,
  /** The delivery week judged (ISO week): the last complete one, or for silence the running one. */
  week: z.string(),
  /** Usual signals a week (silent, low_volume) or the usual rejection share 0..1 (rejections_up). */
  usual: z.number(),
  /** The judged week's signals or rejection share; null for silence. */
  observed: z.number().nullable(),
  pValue: z.number().nullable(),
  /** The newest message timestamp of the stream (ISO 8601), for silence. */
  lastDeliveryAt: z.string().nullable(),
  /** How long without a delivery counts as silent for this stream, for silence. */
  silentAfterSeconds: z.number().nullable(),
  /** Why, in plain words. */
  why: z.object({ nl: z.string(), en: z.string() }),
});

/** A wijk a silent or low-volume stream usually covers: its count may be low for that reason. A mark, no count. */
export const affectedWijk = z.object({
  code: z.string(),
  partner: z.string(),
  sourceKind: z.enum(SOURCE_KINDS),
  kind: z.enum(['silent', 'low_volume']),
});

export const dataQualityResponse = z.object({
  alarms: z.array(dataQualityAlarm),
  affectedWijken: z.array(affectedWijk),
  snapshotSequence: z.number().int(),
});

export type DataQualityAlarm = z.infer<typeof dataQualityAlarm>;
export type AffectedWijkEntry = z.infer<typeof affectedWijk>;
export type DataQualityResponse = z.infer<typeof dataQualityResponse>;
