/**
 * The two ways a figure is withheld. A small count says how small (`<5`, following k); anything hidden
 * to protect a small count (a complementary cell, a rate of a hidden count, a rate over too few
 * residents) shows as `x`, because `<5` would be untrue for it.
 */
import type { Cell, Suppressed } from '@wijksignaal/contracts/suppressed-cell';

export type { Cell, Suppressed } from '@wijksignaal/contracts/suppressed-cell';

export const HIDDEN_DISPLAY = 'x';

export function smallCount(k: number): Suppressed {
  return { suppressed: true, display: `<${k}` };
}

export function hidden(): Suppressed {
  return { suppressed: true, display: HIDDEN_DISPLAY };
}

export function isSuppressed(value: unknown): value is Suppressed {
  return typeof value === 'object' && value !== null && (value as { suppressed?: unknown }).suppressed === true;
}

/** The published number, or null when the cell is suppressed. */
export function publishedNumber(cell: Cell): number | null {
  return typeof cell === 'number' ? cell : null;
}
