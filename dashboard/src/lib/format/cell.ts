/**
 * A figure as the API publishes it: a number, or withheld by disclosure control (DESIGN.md §6) as
 * `{ suppressed: true, display }` where `display` is `<5` or `x`. Declared here by shape (it matches
 * `Cell` in contracts/suppressed-cell.ts) so the dashboard also reads responses from before suppression.
 */
export type Cell = number | { readonly suppressed: true; readonly display: string };

/** Also for figures withheld as a whole (a rate or SMR with its interval), hence any value. */
export function isSuppressed(cell: unknown): cell is { suppressed: true; display: string } {
  return cell !== null && typeof cell === 'object' && (cell as { suppressed?: unknown }).suppressed === true;
}

/** The number, or null when it is withheld or missing; withheld figures never enter sums or scales. */
export function cellNumber(cell: Cell | null): number | null {
  return typeof cell === 'number' ? cell : null;
}

/** The text to show: formatted number, the API's own marker for a withheld one, or `missing`. */
export function cellText(cell: Cell | null, format: (value: number) => string, missing: string): string {
  if (cell === null) return missing;
  return typeof cell === 'number' ? format(cell) : cell.display;
}
