import { z } from 'zod';

/** An environment variable holding a whole number in a range, with the one-line message a config parser prints (API, notifier). */
export const wholeNumberSetting = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number of ${what} from ${min} to ${max}` })
    .int({ error: `must be a whole number of ${what} from ${min} to ${max}` })
    .min(min, { error: `must be a whole number of ${what} from ${min} to ${max}` })
    .max(max, { error: `must be a whole number of ${what} from ${min} to ${max}` });
