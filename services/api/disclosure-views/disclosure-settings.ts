import { DEFAULT_MIN_DENOMINATOR } from '@wijksignaal/domain/disclosure/index';
import type { SnapshotInfo } from '../db/open-snapshot-file.ts';

/**
 * What the API itself configures (config.ts, MIN_DENOMINATOR): the fewest residents a rate is published
 * over. k is not among it: it belongs to the published table the pipeline built (meta `disclosure_k`), and
 * an API setting of its own could only label that table wrongly.
 */
export interface DisclosureConfig {
  minDenominator: number;
}

/** What one response is labelled and guarded with: the snapshot's k and the API's minimum denominator. */
export interface DisclosureSettings {
  k: number;
  minDenominator: number;
}

export const DEFAULT_DISCLOSURE: DisclosureConfig = { minDenominator: DEFAULT_MIN_DENOMINATOR };

export function disclosureFor(snap: SnapshotInfo, config: DisclosureConfig): DisclosureSettings {
  return { k: snap.disclosureK, minDenominator: config.minDenominator };
}
