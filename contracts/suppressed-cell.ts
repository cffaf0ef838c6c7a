import { z } from 'zod';

/**
 * A number the API withholds to protect people (DESIGN.md §6). It is never a plain number, so no client
 * can mistake it for one: `display` is what to show, `<5` for a small count and `x` for a value hidden
 * because it would give a small count away.
 */
export const suppressedSchema = z.object({ suppressed: z.literal(true), display: z.string() });
export type Suppressed = Readonly<z.infer<typeof suppressedSchema>>;

/** A count or other figure in a response: either published or suppressed. */
export const cellSchema = z.union([z.number(), suppressedSchema]);
export type Cell = number | Suppressed;
