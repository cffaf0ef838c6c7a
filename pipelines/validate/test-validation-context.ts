import { MAX_SIGNAL_BYTES } from '@wijksignaal/contracts/topics';
import type { ValidationContext } from '@wijksignaal/domain/validate/validate-signal';

/** The validation context of the pipeline's unit tests: one registered partner, two wijken and a buurt. */
export const TEST_VALIDATION_CONTEXT: ValidationContext = {
  partners: new Set(['demo-partner', 'thuiszorg-west']),
  areas: new Map([
    ['WK034401', { wijk: 'WK034401', gemeente: 'GM0344' }],
    ['BU03440110', { wijk: 'WK034401', gemeente: 'GM0344' }],
    ['WK036302', { wijk: 'WK036302', gemeente: 'GM0363' }],
  ]),
  areaYear: 2024,
  currentWeek: '2026-W48',
  retentionWeeks: 260,
  maxBytes: MAX_SIGNAL_BYTES,
};
