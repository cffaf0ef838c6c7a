import { z } from 'zod';
import { DLQ_REASONS } from './topics.ts';

/** `POST /api/v1/signals`: what happened to each signal of a batch, in the order it was sent. */
export const signalItemResult = z.object({
  /** Position in the JSON array or NDJSON line number counted from 0 (blank lines are not counted). */
  index: z.number().int(),
  /** The signal's id, only when it is a UUID (a rejected value is never repeated). */
  id: z.string().optional(),
  status: z.enum(['accepted', 'rejected']),
  reason: z.enum(DLQ_REASONS).optional(),
  /** JSON path of the field at fault, e.g. `$.week`; absent when the item as a whole is at fault. */
  field: z.string().optional(),
  /** What to change, without the value that was sent. */
  detail: z.string().optional(),
});
export const signalBatchResponse = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  results: z.array(signalItemResult),
});
export type SignalItemResult = z.infer<typeof signalItemResult>;
export type SignalBatchResponse = z.infer<typeof signalBatchResponse>;
