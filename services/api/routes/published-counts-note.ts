import { MAX_NOISE } from '@wijksignaal/domain/published/perturbation';

/**
 * What every description of counts says (OpenAPI and export metadata): counts come from the snapshot's
 * published table, perturbed and withheld below k (domain/published/README.md).
 */
export const PUBLISHED_COUNTS_NOTE =
  `Counts are the published cells of the snapshot: perturbed by at most ±${MAX_NOISE} (cell-key perturbation, ` +
  'the same cell is the same number everywhere) and withheld below k as `{ "suppressed": true, "display": "<k" }`; ' +
  'figures computed from a withheld count are `x`.';

/** The one line a download states about its counts. */
export function perturbationLine(k: number): string {
  return `counts are perturbed by at most ±${MAX_NOISE} (cell-key perturbation) and withheld below k = ${k}`;
}
