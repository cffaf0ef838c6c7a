import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { describeError, mayRetry } from './describe-error.ts';

describe('describeError and mayRetry', () => {
  it('a refusal by role reads as "no access" and offers no retry', () => {
    const refused = new ApiError(403, 'Forbidden', 'operation getOverview needs one of epidemiologist, team_lead, admin');
    expect(describeError(refused)).toContain('Geen toegang');
    expect(mayRetry(refused)).toBe(false);
  });

  it('network and server failures keep their retry', () => {
    expect(mayRetry(new ApiError(0, 'network', null))).toBe(true);
    expect(mayRetry(new ApiError(503, 'Service Unavailable', 'De gegevens worden geladen.'))).toBe(true);
    expect(mayRetry(new TypeError('failed to fetch'))).toBe(true);
  });
});
