import type { SignalItemResult } from '@wijksignaal/contracts/signal-batch';
import type { DlqReason } from '@wijksignaal/contracts/topics';
import { validateSignal, type ValidationContext } from '@wijksignaal/domain/validate/validate-signal';
import { ProblemError } from '../http/problem.ts';
import type { SignalRecord, HttpsRejection } from './signal-sink.ts';

export interface JudgedBatch {
  results: SignalItemResult[];
  /**
   * Keyed by wijk code like the simulator and partners produce (services/simulator/wijk-key.ts), so one
   * district's signals stay in order on one partition; the wijk comes from the area registry lookup.
   */
  signals: SignalRecord[];
  rejections: HttpsRejection[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs the pipeline's own validation (`validateSignal`, privacy guard included) over every signal of a
 * batch sent by `partnerId`. A signal that names another partner id makes the whole request a 403: that
 * is a credential trying to speak for someone else, not a data-quality fault to count against either
 * partner. Pure; the results never repeat a rejected value (only the id when it is a UUID, and a path).
 */
export function judgeSignalBatch(items: readonly Uint8Array[], partnerId: string, ctx: ValidationContext): JudgedBatch {
  items.forEach((bytes, index) => {
    const claimed = claimedPartner(bytes);
    if (claimed !== undefined && claimed !== partnerId) {
      throw new ProblemError(
        403,
        `signal ${index} names another partner id; these credentials may only send signals as partner ${partnerId}`,
      );
    }
  });
  const results: SignalItemResult[] = [];
  const signals: SignalRecord[] = [];
  const rejections: HttpsRejection[] = [];
  items.forEach((bytes, index) => {
    const verdict = validateSignal(bytes, ctx);
    if (verdict.ok) {
      results.push({ index, id: verdict.signal.id, status: 'accepted' });
      signals.push({ key: verdict.wijk, value: Buffer.from(bytes) });
      return;
    }
    const id = idOf(bytes, verdict.reason);
    const field = /^(\$[^:\s]*): /.exec(verdict.detail)?.[1];
    results.push({
      index,
      ...(id ? { id } : {}),
      status: 'rejected',
      reason: verdict.reason,
      ...(field ? { field } : {}),
      detail: verdict.detail,
    });
    rejections.push({ index, partner: partnerId, reason: verdict.reason, detail: verdict.detail });
  });
  return { results, signals, rejections };
}

/** The `partner` a signal names, when it is a string; undefined when the item cannot say. */
function claimedPartner(bytes: Uint8Array): string | undefined {
  const parsed = parseQuietly(bytes);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const partner = (parsed as { partner?: unknown }).partner;
  return typeof partner === 'string' ? partner : undefined;
}

function idOf(bytes: Uint8Array, reason: DlqReason): string | undefined {
  if (reason === 'malformed_json' || reason === 'too_large') return undefined;
  const parsed = parseQuietly(bytes) as { id?: unknown } | null;
  const id = typeof parsed === 'object' && parsed !== null ? parsed.id : undefined;
  return typeof id === 'string' && UUID.test(id) ? id : undefined;
}

function parseQuietly(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
}
