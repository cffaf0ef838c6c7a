import type { Theme } from '@wijksignaal/contracts/signal';

/**
 * The themes in the order the dashboard offers them. Kept here (not imported at runtime from the
 * contracts) so the zod schemas stay out of the browser bundle; the type check below fails the
 * build if the contract gains a theme this list lacks.
 */
export const THEME_ORDER = ['loneliness', 'school_absence', 'escalation'] as const satisfies readonly Theme[];

type MissingTheme = Exclude<Theme, (typeof THEME_ORDER)[number]>;
const everyThemeListed: [MissingTheme] extends [never] ? true : false = true;
void everyThemeListed;

export function isTheme(value: string | null): value is Theme {
  return value !== null && (THEME_ORDER as readonly string[]).includes(value);
}
