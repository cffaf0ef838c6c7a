import type { Signal } from '@wijksignaal/contracts/signal';
import type { Validation } from '@wijksignaal/domain/validate/validate-signal';

/** What a worker works out for an accepted signal besides the verdict, so the pipeline's thread need not. */
export interface Derived {
  weekMonday: string;
  /** The packed cell key, or NaN when it cannot be packed (the pipeline's thread then says why). */
  cell: number;
  recordKey: number;
  idHash: number;
}

/** A verdict, with what was derived from an accepted signal where that was done. */
export type Verdict = Validation | (Extract<Validation, { ok: true }> & { derived: Derived });

/**
 * A batch's verdicts as a few typed arrays and one small table of strings, the form a validation worker
 * sends back. A structured clone of thousands of signal objects costs the receiving thread more than
 * parsing their JSON did (measured: about 2–3 µs per signal); these columns cost it one object per signal,
 * built from strings it receives once per batch.
 */
export interface ValidationColumns {
  count: number;
  /** Per accepted signal (in message order) its string fields, as indices into `strings`. */
  fields: Int32Array;
  /** Per accepted signal its areaYear and count. */
  numbers: Int32Array;
  /** Per accepted signal its cell key, record key and id hash (`Derived`), or empty when not derived. */
  derived: Float64Array;
  /** Distinct strings of the batch's accepted signals (partners, codes, enums, weeks): few per batch. */
  strings: string[];
  /** The accepted signals' ids end to end, and where each ends: ids are all different, so not interned. */
  ids: string;
  idEnds: Int32Array;
  /** Per message 1 when accepted. */
  accepted: Uint8Array;
  /** The rejected messages (rare): index and verdict. */
  rejects: { index: number; reason: Extract<Validation, { ok: false }>['reason']; detail: string; partner: string | null }[];
}

const STRING_FIELDS = ['partner', 'sourceKind', 'theme', 'category', 'area', 'week', 'ageBand', 'severity'] as const;
// The accepted signal's own string fields, then its wijk and gemeente.
const WIJK = STRING_FIELDS.length;
const GEMEENTE = WIJK + 1;
const MONDAY = GEMEENTE + 1;
const WIDTH = MONDAY + 1;
const F = Object.fromEntries(STRING_FIELDS.map((name, i) => [name, i])) as Record<(typeof STRING_FIELDS)[number], number>;

export function encodeValidations(results: readonly Verdict[]): ValidationColumns {
  let ok = 0;
  let derivedToo = true;
  for (const r of results)
    if (r.ok) {
      ok++;
      derivedToo &&= 'derived' in r;
    }
  const fields = new Int32Array(ok * WIDTH);
  const numbers = new Int32Array(ok * 2);
  const derived = new Float64Array(derivedToo ? ok * 3 : 0);
  const idEnds = new Int32Array(ok);
  const accepted = new Uint8Array(results.length);
  const strings: string[] = [];
  const index = new Map<string, number>();
  const intern = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const rejects: ValidationColumns['rejects'] = [];
  let ids = '';
  let k = 0;
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    if (!r.ok) {
      rejects.push({ index: i, reason: r.reason, detail: r.detail, partner: r.partner });
      continue;
    }
    accepted[i] = 1;
    const s = r.signal;
    const at = k * WIDTH;
    for (let f = 0; f < STRING_FIELDS.length; f++) fields[at + f] = intern(s[STRING_FIELDS[f]!]);
    fields[at + WIJK] = intern(r.wijk);
    fields[at + GEMEENTE] = intern(r.gemeente);
    if (derivedToo && 'derived' in r) {
      fields[at + MONDAY] = intern(r.derived.weekMonday);
      derived[3 * k] = r.derived.cell;
      derived[3 * k + 1] = r.derived.recordKey;
      derived[3 * k + 2] = r.derived.idHash;
    }
    numbers[2 * k] = s.areaYear;
    numbers[2 * k + 1] = s.count;
    ids += s.id;
    idEnds[k] = ids.length;
    k++;
  }
  return { count: results.length, fields, numbers, derived, strings, ids, idEnds, accepted, rejects };
}

/** The buffers `postMessage` can hand over instead of copying. */
export function validationColumnBuffers(c: ValidationColumns): ArrayBuffer[] {
  return [c.fields.buffer, c.numbers.buffer, c.derived.buffer, c.idEnds.buffer, c.accepted.buffer] as ArrayBuffer[];
}

export function decodeValidations(c: ValidationColumns): Verdict[] {
  const out = new Array<Verdict>(c.count);
  const d = c.derived.length > 0 ? c.derived : null;
  for (const r of c.rejects) out[r.index] = { ok: false, reason: r.reason, detail: r.detail, partner: r.partner };
  const str = c.strings;
  let k = 0;
  let idStart = 0;
  for (let i = 0; i < c.count; i++) {
    if (c.accepted[i] !== 1) continue;
    const at = k * WIDTH;
    const f = c.fields;
    const idEnd = c.idEnds[k]!;
    const text = (field: number) => str[f[at + field]!]!;
    const signal = {
      id: c.ids.slice(idStart, idEnd),
      partner: text(F.partner),
      sourceKind: text(F.sourceKind),
      area: text(F.area),
      areaYear: c.numbers[2 * k]!,
      week: text(F.week),
      ageBand: text(F.ageBand),
      severity: text(F.severity),
      count: c.numbers[2 * k + 1]!,
      theme: text(F.theme),
      category: text(F.category),
    } as Signal;
    const verdict = { ok: true as const, signal, wijk: text(WIJK), gemeente: text(GEMEENTE) };
    out[i] = d
      ? { ...verdict, derived: { weekMonday: text(MONDAY), cell: d[3 * k]!, recordKey: d[3 * k + 1]!, idHash: d[3 * k + 2]! } }
      : verdict;
    idStart = idEnd;
    k++;
  }
  return out;
}
