import { describe, expect, it } from 'vitest';
import { TRIAGE_STATUSES } from '@wijksignaal/contracts/user-action';
import { en } from '../i18n/en.ts';
import { nl } from '../i18n/nl.ts';
import { alarmDomId, TRIAGE_STATUS_ORDER } from './triage-statuses.ts';

describe('the triage marks the dashboard offers', () => {
  it('are exactly the contract’s, each named in both languages', () => {
    expect([...TRIAGE_STATUS_ORDER].sort()).toEqual([...TRIAGE_STATUSES].sort());
    for (const status of TRIAGE_STATUS_ORDER) {
      expect(nl[`triage.status.${status}`]).toBeTruthy();
      expect(en[`triage.status.${status}`]).toBeTruthy();
    }
  });

  it('make DOM ids of alarm ids', () => {
    expect(alarmDomId('WK000101.loneliness.2025-W07')).toBe('WK000101-loneliness-2025-W07');
  });
});
