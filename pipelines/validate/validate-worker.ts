import { parentPort, workerData } from 'node:worker_threads';
import { mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { validatePartnerSignal } from '@wijksignaal/domain/validate/validate-partner-signal';
import type { ValidationContext } from '@wijksignaal/domain/validate/validate-signal';
import { cellKey } from '../aggregate/cell-key.ts';
import { hashId } from '../aggregate/id-filter.ts';
import { recordKeys } from '../aggregate/record-key.ts';
import { packedValue, type PackedValues } from './packed-values.ts';
import { encodeValidations, validationColumnBuffers, type Verdict } from './validation-columns.ts';
import type { ValidationSetup } from './validation-setup.ts';

/** Entry of a validation worker thread (see validation-pool.ts): one batch's packed values in, its verdicts out. */

export interface ValidateJob {
  id: number;
  packed: PackedValues;
  topicPartner: string | null;
  /** The pipeline's current ISO week: the clock is read where the batch is handled, never here. */
  currentWeek: string;
}

const setup = workerData as ValidationSetup;
const ctx: ValidationContext = {
  partners: new Set(setup.partners),
  areas: new Map(setup.areas.map(([code, wijk, gemeente]) => [code, { wijk, gemeente }])),
  areaYear: setup.areaYear,
  currentWeek: '',
  retentionWeeks: setup.retentionWeeks,
  maxBytes: setup.maxBytes,
};
const recordKey = recordKeys(setup.recordKeySecret);
const mondays = new Map<string, string>();

function verdictOf(value: Uint8Array | null, topicPartner: string | null): Verdict {
  const result = validatePartnerSignal(value, ctx, topicPartner);
  if (!result.ok) return result;
  const s = result.signal;
  let weekMonday = mondays.get(s.week);
  if (weekMonday === undefined) {
    weekMonday = mondayIsoDate(s.week as IsoWeek);
    if (mondays.size > 1_000) mondays.clear();
    mondays.set(s.week, weekMonday);
  }
  let cell = Number.NaN;
  try {
    cell = cellKey({
      wijk: result.wijk,
      weekMonday,
      theme: s.theme,
      category: s.category,
      sourceKind: s.sourceKind,
      ageBand: s.ageBand,
    });
  } catch {
    // left to the pipeline's thread, which packs it again and fails the batch with the reason
  }
  return { ...result, derived: { weekMonday, cell, recordKey: recordKey(s.id), idHash: hashId(s.id) } };
}

parentPort?.on('message', (job: ValidateJob) => {
  try {
    ctx.currentWeek = job.currentWeek;
    const n = job.packed.bounds.length / 2;
    const results = new Array<Verdict>(n);
    for (let i = 0; i < n; i++) results[i] = verdictOf(packedValue(job.packed, i), job.topicPartner);
    const columns = encodeValidations(results);
    parentPort?.postMessage({ id: job.id, columns }, validationColumnBuffers(columns));
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
