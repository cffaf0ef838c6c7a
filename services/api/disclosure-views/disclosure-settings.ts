import { DEFAULT_K, DEFAULT_MIN_DENOMINATOR } from '@wijksignaal/domain/disclosure/index';

/** What every protected response is protected with; parsed once in config.ts and handed down. */
export interface DisclosureSettings {
  k: number;
  minDenominator: number;
}

export const DEFAULT_DISCLOSURE: DisclosureSettings = { k: DEFAULT_K, minDenominator: DEFAULT_MIN_DENOMINATOR };
