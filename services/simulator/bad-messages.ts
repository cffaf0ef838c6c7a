import { formatIsoWeek } from '@wijksignaal/contracts/iso-week';
import type { SignalInput } from '@wijksignaal/contracts/signal';
import { DLQ_REASONS, MAX_SIGNAL_BYTES, type DlqReason } from '@wijksignaal/contracts/topics';
import { randomInt, type Rng } from './prng.ts';
import { wijkCodeOf } from './wijk-key.ts';

/** Each kind of deliberately bad message is named after the dead-letter reason it must get. */
export const BAD_KINDS = DLQ_REASONS;
export type BadKind = DlqReason;

export interface BadMessage {
  kind: BadKind;
  /** Whose topic it goes to: the partner of the template, whatever the message claims. */
  partner: string;
  key: string;
  value: string | Buffer;
}

export interface BadMessageContext {
  knownAreas: ReadonlySet<string>;
  knownPartners: ReadonlySet<string>;
}

/** A message that looks like `template` but breaks exactly one rule, so its DLQ reason is known. */
export function makeBadMessage(kind: BadKind, rng: Rng, template: SignalInput, ctx: BadMessageContext): BadMessage {
  return { partner: template.partner, ...badRecord(kind, rng, template, ctx) };
}

function badRecord(kind: BadKind, rng: Rng, template: SignalInput, ctx: BadMessageContext): Omit<BadMessage, 'partner'> {
  const key = wijkCodeOf(template.area);
  switch (kind) {
    case 'malformed_json':
      return { kind, key, value: malformed(rng, template) };
    case 'schema_violation':
      return { kind, key, value: JSON.stringify(schemaViolation(rng, template)) };
    case 'personal_data':
      // A partner system leaking its client number: a BSN that passes the 11-proef, in an extra field.
      return { kind, key, value: JSON.stringify({ ...template, clientnummer: validBsn(rng) }) };
    case 'unknown_partner':
      return { kind, key, value: JSON.stringify({ ...template, partner: unknownPartner(rng, ctx.knownPartners) }) };
    case 'partner_mismatch':
      // Sent through one partner's topic while claiming to be another (registered) partner.
      return {
        kind,
        key,
        value: JSON.stringify({ ...template, partner: otherPartner(rng, template.partner, ctx.knownPartners) }),
      };
    case 'unknown_area': {
      const area = unknownArea(rng, ctx.knownAreas);
      return { kind, key: area, value: JSON.stringify({ ...template, area }) };
    }
    case 'week_out_of_range': {
      // Far enough out that no clock or retention setting (at most 20 years) can make it valid, so the
      // label holds whenever the records are replayed: a week in the 2090s or in the 1990s.
      const year = rng.next() < 0.5 ? randomInt(rng, 2090, 2099) : randomInt(rng, 1990, 1999);
      return { kind, key, value: JSON.stringify({ ...template, week: formatIsoWeek(year, randomInt(rng, 1, 52)) }) };
    }
    case 'too_large': {
      // Valid JSON and a valid signal, only padded with whitespace past the size limit.
      const body = JSON.stringify(template);
      const padding = ' '.repeat(MAX_SIGNAL_BYTES - body.length + randomInt(rng, 1, 4096));
      return { kind, key, value: `${body.slice(0, -1)}${padding}}` };
    }
  }
}

function otherPartner(rng: Rng, own: string, known: ReadonlySet<string>): string {
  const others = [...known].filter((p) => p !== own);
  return others.length > 0 ? (others[randomInt(rng, 0, others.length - 1)] as string) : `${own}-other`;
}

/** A 9-digit number passing the BSN 11-proef: 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11). */
export function validBsn(rng: Rng): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, (_, i) => (i === 0 ? randomInt(rng, 1, 9) : randomInt(rng, 0, 9)));
    const sum = digits.reduce((s, d, i) => s + d * (9 - i), 0);
    const check = sum % 11;
    if (check <= 9) return `${digits.join('')}${check}`;
  }
}

function malformed(rng: Rng, template: SignalInput): string | Buffer {
  const json = JSON.stringify(template);
  switch (randomInt(rng, 0, 2)) {
    case 0:
      return json.slice(0, randomInt(rng, 1, json.length - 2)); // cut off mid-message
    case 1:
      return json.replaceAll('"', "'"); // single quotes: looks like JSON, is not
    default:
      return Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x22, 0xc3]); // binary junk, not even UTF-8
  }
}

function schemaViolation(rng: Rng, template: SignalInput): Record<string, unknown> {
  const t: Record<string, unknown> = { ...template };
  switch (randomInt(rng, 0, 4)) {
    case 0:
      t.category = template.theme === 'escalation' ? 'social' : 'youth_nuisance'; // category of another theme
      return t;
    case 1:
      delete t.id;
      return t;
    case 2:
      t.count = 0;
      return t;
    case 3:
      t.severity = 'critical';
      return t;
    default:
      t.opmerking = 'zie dossier'; // free text is never allowed, whatever it says
      return t;
  }
}

function unknownPartner(rng: Rng, known: ReadonlySet<string>): string {
  for (;;) {
    const id = `onbekend-${randomInt(rng, 1000, 9999)}`;
    if (!known.has(id)) return id;
  }
}

function unknownArea(rng: Rng, known: ReadonlySet<string>): string {
  // Gemeente 9999 does not exist in any CBS year, so the code is well-formed but never registered.
  for (;;) {
    const code = `WK9999${String(randomInt(rng, 0, 99)).padStart(2, '0')}`;
    if (!known.has(code)) return code;
  }
}
