import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '@wijksignaal/areas/seeded-random';
import { MAX_RETENTION_WEEKS } from '../config.ts';
import { detectBatch } from './detect-batch.ts';
import { DETECT_SERIES_DEFAULTS } from './detect-series.ts';
import { createDetectionPool } from './detection-pool.ts';
import { BATCH_SERIES } from './refresh-alarms.ts';
import { windowWeeks } from './series-from-cube.ts';

const pool = createDetectionPool(1);
afterAll(() => pool.close());

describe('createDetectionPool', () => {
  // The workers' heap is capped (worker-heap.ts) on the grounds that a job is at most BATCH_SERIES series
  // of the longest window: such a job must come back whole, with what detection on this thread gives.
  it('detects the largest job a run sends, the longest window, within a worker heap', async () => {
    const weeks = windowWeeks({ currentWeek: '2026-W48', historyWeeks: MAX_RETENTION_WEEKS });
    const random = seededRandom(7);
    const counts = Float64Array.from({ length: BATCH_SERIES * weeks.length }, () => Math.floor(random.next() * 12));
    const batch = {
      weeks,
      wijk: Array.from({ length: BATCH_SERIES }, (_, i) => `WK${String(i).padStart(6, '0')}`),
      theme: Array.from({ length: BATCH_SERIES }, (_, i) => (i % 2 ? 'loneliness' : 'escalation')),
      from: new Int32Array(BATCH_SERIES),
      counts,
    };
    const pooled = await pool.detect(batch, DETECT_SERIES_DEFAULTS);
    expect(pooled.length).toBeGreaterThan(BATCH_SERIES * DETECT_SERIES_DEFAULTS.keepWeeks);
    expect(pooled).toEqual(detectBatch(batch, DETECT_SERIES_DEFAULTS));
  });
});
