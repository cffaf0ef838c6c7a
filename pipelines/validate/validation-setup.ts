import type { ValidationContext } from '@wijksignaal/domain/validate/validate-signal';

/** What a validation worker checks against, as plain data it can receive once at its start. */
export interface ValidationSetup {
  partners: string[];
  /** Every known code with its wijk and gemeente. */
  areas: [code: string, wijk: string, gemeente: string][];
  areaYear: number;
  retentionWeeks: number;
  maxBytes: number;
  /** The live database's record-key secret: the worker works out each accepted signal's record key. */
  recordKeySecret: string;
}

/** The fixed part of a validation context (all but the current week, which each batch brings). */
export function validationSetupOf(ctx: ValidationContext, recordKeySecret: string): ValidationSetup {
  return {
    partners: [...ctx.partners],
    areas: [...ctx.areas].map(([code, { wijk, gemeente }]) => [code, wijk, gemeente]),
    areaYear: ctx.areaYear,
    retentionWeeks: ctx.retentionWeeks,
    maxBytes: ctx.maxBytes,
    recordKeySecret,
  };
}
