import { z } from 'zod';
import { TRIAGE_NOTE_MAX_LENGTH, TRIAGE_STATUSES } from './user-action.ts';

/**
 * HTTP shapes of triage: `POST /api/v1/alarms/{alarmId}/triage` marks an alarm, `GET` the same path gives its
 * history, and `GET /api/v1/alarms` carries each alarm's current mark. A mark is an event on the actions topic
 * (`user-action.ts`): it shows after the next snapshot, in every API process.
 */
export const triageStatusSchema = z.enum(TRIAGE_STATUSES);

export const alarmTriageRequest = z.object({
  status: triageStatusSchema,
  /** About the area and what was done, never about a person: the API refuses personal data in it. */
  note: z.string().trim().max(TRIAGE_NOTE_MAX_LENGTH).nullable().optional(),
});
export type AlarmTriageRequest = z.infer<typeof alarmTriageRequest>;

/** 202: taken; the action id is the row's id in the history once the next snapshot carries it. */
export const actionAccepted = z.object({
  actionId: z.uuid(),
  /** Also a hint for people: the mark is not in this snapshot yet. */
  shownAfterNextSnapshot: z.literal(true),
});
export type ActionAccepted = z.infer<typeof actionAccepted>;

export const triageActor = z.object({ subject: z.string(), role: z.string() });

/** One mark: who set which status when, and the note. */
export const triageEntry = z.object({
  actionId: z.string(),
  status: triageStatusSchema,
  note: z.string().nullable(),
  by: triageActor,
  at: z.string(),
});
export type TriageEntry = z.infer<typeof triageEntry>;

export const alarmTriageResponse = z.object({
  alarmId: z.string(),
  /** The newest mark, or null when nobody marked the alarm yet. */
  current: triageEntry.nullable(),
  /** Every mark, oldest first. */
  history: z.array(triageEntry),
});
export type AlarmTriageResponse = z.infer<typeof alarmTriageResponse>;

/** The current mark of an alarm in lists: its status, who and when (the note is in the history). */
export const alarmTriageState = z.object({ status: triageStatusSchema, by: triageActor, at: z.string() });
export type AlarmTriageState = z.infer<typeof alarmTriageState>;
