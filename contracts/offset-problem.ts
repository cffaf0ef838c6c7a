import { z } from 'zod';

/**
 * A partition whose broker-side offsets no longer fit what the live database has committed. The pipeline
 * stops reading it instead of skipping or re-reading messages on a guess, and says so in every snapshot's
 * meta (`offset_problems`), which /ready turns into a 503. An operator decides, then starts the pipeline
 * once with --rebaseline.
 *
 * `log_end_before_stored`: the broker holds fewer messages than were consumed (topic recreated or truncated);
 * `log_start_after_stored`: messages not yet read are gone (deleted, or expired while the pipeline was away);
 * `went_back`: the consumer was moved back below what was committed.
 */
export const offsetProblemSchema = z.object({
  topic: z.string(),
  partition: z.number().int(),
  kind: z.enum(['log_end_before_stored', 'log_start_after_stored', 'went_back']),
  storedNext: z.string(),
  low: z.string().nullable(),
  high: z.string().nullable(),
});
export type OffsetProblem = z.infer<typeof offsetProblemSchema>;

/** One line for the log, /ready and the operator. */
export function describeOffsetProblem(p: OffsetProblem): string {
  const where = `${p.topic} partition ${p.partition}`;
  const why =
    p.kind === 'log_end_before_stored'
      ? `the broker holds offsets up to ${p.high} but ${p.storedNext} were already consumed (was the topic recreated or truncated?)`
      : p.kind === 'log_start_after_stored'
        ? `the broker starts at offset ${p.low} but only ${p.storedNext} were consumed: messages were deleted before they were read`
        : `the consumer was moved back below the committed offset ${p.storedNext}`;
  return `the pipeline stopped reading ${where}: ${why}; nothing of it is skipped or counted twice. Check why, then stop the pipeline and start it once with --rebaseline`;
}
