/**
 * The validation stage: raw Kafka (or HTTPS) bytes in, an accepted signal with its wijk and gemeente
 * or a dead-letter reason out. Pure and per message on the hot path, so it does no I/O, never throws
 * on input, and keeps its per-message work small.
 *
 * Order matters: the privacy guard runs on the parsed value before the schema, so personal data in an
 * unknown field is reported as `personal_data` rather than hidden behind `schema_violation`.
 */
import { PARTNER_PATTERN, signalSchema, type Signal } from '@wijksignaal/contracts/signal';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import type { DlqReason } from '@wijksignaal/contracts/topics';
import { describeZodIssue } from './describe-zod-issue.ts';
import { personalDataInText } from './personal-data-in-text.ts';
import { findPersonalData, type PersonalDataFinding } from './privacy-guard.ts';
import { quickAccept } from './quick-accept.ts';

export interface ValidationContext {
  partners: ReadonlySet<string>;
  /** Every known code (wijk and buurt) → its wijk and gemeente. */
  areas: ReadonlyMap<string, { wijk: string; gemeente: string }>;
  /** The registry's CBS division year; a signal coded in another year is `unknown_area`. */
  areaYear: number;
  /** ISO week "now"; later weeks are `week_out_of_range`. */
  currentWeek: string;
  /** Weeks older than `currentWeek - retentionWeeks` are `week_out_of_range`. */
  retentionWeeks: number;
  /** MAX_SIGNAL_BYTES from contracts/topics. */
  maxBytes: number;
}

export type Validation =
  | { ok: true; signal: Signal; wijk: string; gemeente: string }
  | { ok: false; reason: DlqReason; detail: string; partner: string | null };

const PERSONAL_DATA_LABEL = {
  bsn: 'a BSN (passes the 11-proef)',
  email: 'an e-mail address',
  phone: 'a phone number',
  postcode_house_number: 'a postcode with house number',
} as const;

// `fatal` makes invalid UTF-8 an error instead of silently becoming U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function validateSignal(value: Uint8Array | null, ctx: ValidationContext): Validation {
  if (value === null || value.byteLength === 0) {
    return reject('malformed_json', 'the message has no value; send the signal as UTF-8 JSON', null);
  }
  if (value.byteLength > ctx.maxBytes) {
    return reject('too_large', `the message is ${value.byteLength} bytes; a signal may be at most ${ctx.maxBytes} bytes`, null);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(value));
  } catch (error) {
    return reject('malformed_json', malformedDetail(error), null);
  }
  const partner = claimedPartner(parsed);

  let signal = quickAccept(parsed);
  // In a quickly accepted signal every field but the partner id is an enum, a code, a UUID, a week or a
  // small number, none of which the guard can flag, so the guard only needs to look at the partner id.
  const personal = signal ? partnerAsPersonalData(signal.partner) : findPersonalData(parsed);
  if (personal) {
    return reject(
      'personal_data',
      `${personal.path}: looks like ${PERSONAL_DATA_LABEL[personal.kind]}; signals must not contain personal data`,
      partner,
    );
  }
  if (!signal) {
    const result = signalSchema.safeParse(parsed);
    if (!result.success) {
      const first = result.error.issues[0];
      return reject(
        'schema_violation',
        first ? describeZodIssue(first, parsed) : '$: does not match the signal contract',
        partner,
      );
    }
    signal = result.data as Signal;
  }

  if (!ctx.partners.has(signal.partner)) {
    return reject(
      'unknown_partner',
      '$.partner: not a registered partner id; ask the GGD to register the partner first',
      partner,
    );
  }
  if (signal.areaYear !== ctx.areaYear) {
    return reject(
      'unknown_area',
      `$.areaYear: the area registry holds the CBS ${ctx.areaYear} division; send codes of that year`,
      partner,
    );
  }
  const area = ctx.areas.get(signal.area);
  if (!area) {
    return reject('unknown_area', `$.area: not a wijk or buurt code of the CBS ${ctx.areaYear} division`, partner);
  }

  const bounds = weekBounds(ctx);
  // `YYYY-Www` strings sort in time order, so the range check is two string comparisons.
  if (signal.week > bounds.latest) {
    return reject('week_out_of_range', `$.week: lies after the current week ${bounds.latest}`, partner);
  }
  if (signal.week < bounds.earliest) {
    return reject(
      'week_out_of_range',
      `$.week: lies before ${bounds.earliest}, outside the retention window of ${ctx.retentionWeeks} weeks`,
      partner,
    );
  }
  return { ok: true, signal, wijk: area.wijk, gemeente: area.gemeente };
}

function partnerAsPersonalData(partner: string): PersonalDataFinding | null {
  const kind = personalDataInText(partner);
  return kind ? { kind, path: '$.partner' } : null;
}

function reject(reason: DlqReason, detail: string, partner: string | null): Validation {
  return { ok: false, reason, detail, partner };
}

/** The partner a rejected message claims to come from, for per-partner rejection counts. */
function claimedPartner(parsed: unknown): string | null {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const partner = (parsed as { partner?: unknown }).partner;
  return typeof partner === 'string' && PARTNER_PATTERN.test(partner) ? partner : null;
}

/** V8's JSON errors quote the input, so only the position is kept. */
function malformedDetail(error: unknown): string {
  if (error instanceof TypeError) return 'the message is not valid UTF-8; send the signal as UTF-8 JSON';
  const position = error instanceof Error ? /position (\d+)/.exec(error.message)?.[1] : undefined;
  return position === undefined
    ? 'the message is not valid JSON; send the signal as one UTF-8 JSON object'
    : `the message is not valid JSON (at character ${position}); send the signal as one UTF-8 JSON object`;
}

interface WeekBounds {
  currentWeek: string;
  retentionWeeks: number;
  latest: string;
  earliest: string;
}

// Week arithmetic costs microseconds; a context lives for many messages, so it is done once per context.
const boundsByContext = new WeakMap<ValidationContext, WeekBounds>();

function weekBounds(ctx: ValidationContext): WeekBounds {
  const cached = boundsByContext.get(ctx);
  if (cached && cached.currentWeek === ctx.currentWeek && cached.retentionWeeks === ctx.retentionWeeks) return cached;
  const bounds = {
    currentWeek: ctx.currentWeek,
    retentionWeeks: ctx.retentionWeeks,
    latest: ctx.currentWeek,
    earliest: addIsoWeeks(ctx.currentWeek, -ctx.retentionWeeks),
  };
  boundsByContext.set(ctx, bounds);
  return bounds;
}
