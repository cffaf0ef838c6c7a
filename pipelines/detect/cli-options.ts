import { z } from 'zod';
import { strictFlags } from './strict-flags.ts';

/**
 * Flags of `npm run detect`, parsed once and checked with zod; every mistake becomes one line that says
 * which flag to fix.
 */

export const CLI_METHODS = ['earsC1', 'earsC2', 'earsC3', 'farrington', 'cusum'] as const;
export type CliMethod = (typeof CLI_METHODS)[number];

export const USAGE =
  'usage: npm run detect -- --method <earsC1|earsC2|earsC3|farrington|cusum> [--alpha A] [--baseline B] [--min-sigma S] [--settings original|noufaily] --input <file.csv>';

export class CliUsageError extends Error {}

const numberFlag = (name: string) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) {
        ctx.addIssue({ code: 'custom', message: `--${name} must be a number, got "${text}"` });
        return z.NEVER;
      }
      return value;
    });

const schema = z
  .object({
    method: z.enum(CLI_METHODS, { message: `--method must be one of ${CLI_METHODS.join(', ')}` }),
    input: z.string({ message: '--input <file.csv> is required' }).min(1, '--input needs a file name'),
    alpha: numberFlag('alpha').refine((a) => a === undefined || (a > 0 && a < 1), '--alpha must lie strictly between 0 and 1'),
    baseline: numberFlag('baseline').refine(
      (b) => b === undefined || (Number.isInteger(b) && b >= 3),
      '--baseline must be a whole number ≥ 3',
    ),
    minSigma: numberFlag('min-sigma').refine((s) => s === undefined || s >= 0, '--min-sigma must be ≥ 0'),
    settings: z.enum(['original', 'noufaily'], { message: '--settings must be original or noufaily' }).optional(),
  })
  .superRefine((o, ctx) => {
    const ears = o.method.startsWith('ears');
    const misuse = (flag: string, applies: string) =>
      ctx.addIssue({ code: 'custom', message: `${flag} does not apply to --method ${o.method} (only to ${applies})` });
    if (!ears && o.baseline !== undefined) misuse('--baseline', 'earsC1, earsC2, earsC3');
    if (!ears && o.minSigma !== undefined) misuse('--min-sigma', 'earsC1, earsC2, earsC3');
    if (o.method !== 'farrington' && o.settings !== undefined) misuse('--settings', 'farrington');
    if (o.method === 'cusum' && o.alpha !== undefined) misuse('--alpha', 'earsC1, earsC2, earsC3, farrington');
  });

export type CliOptions = z.infer<typeof schema>;

export function parseCliOptions(argv: readonly string[]): CliOptions {
  const values = strictFlags(
    argv,
    {
      method: { type: 'string' },
      input: { type: 'string' },
      alpha: { type: 'string' },
      baseline: { type: 'string' },
      'min-sigma': { type: 'string' },
      settings: { type: 'string' },
    },
    USAGE,
    (message) => new CliUsageError(message),
  );
  const parsed = schema.safeParse({ ...values, minSigma: values['min-sigma'] });
  if (!parsed.success) throw new CliUsageError(parsed.error.issues[0]?.message ?? USAGE);
  return parsed.data;
}
