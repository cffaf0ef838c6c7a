import type { z } from 'zod';
import { ProblemError } from './problem.ts';

/** A 400 problem naming each invalid parameter and what is allowed, from a zod validation failure. */
export function invalidParamsError(error: z.ZodError): ProblemError {
  const invalidParams = error.issues.map((issue) => ({
    name: issue.path.length > 0 ? issue.path.join('.') : 'body',
    reason: issue.message,
  }));
  const detail = invalidParams.map((p) => `${p.name} ${p.reason}`).join('; ');
  return new ProblemError(400, detail, { invalidParams });
}

/** The validation hook of every API router: a failed parameter or body schema becomes that 400. */
export function invalidParamsProblem(result: { success: true } | { success: false; error: z.ZodError }): void {
  if (!result.success) throw invalidParamsError(result.error);
}
