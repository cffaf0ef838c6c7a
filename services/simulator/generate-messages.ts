import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { addIsoWeeks, isoWeekFromDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { SignalInput } from '@wijksignaal/contracts/signal';
import { BAD_KINDS, makeBadMessage, type BadKind } from './bad-messages.ts';
import { DEMO_PARTNERS, type DemoPartner } from './demo-partners.ts';
import { generateWeek, populationByBand } from './generate-week.ts';
import { createRng, randomInt } from './prng.ts';
import { signalId } from './signal-id.ts';
import { SIGNAL_STREAMS, annualExpected } from './rates.ts';
import { wijkCodeOf } from './wijk-key.ts';

export type MessageKind = 'valid' | 'duplicate' | BadKind;

/** One Kafka record as the simulator sends it. */
export interface OutgoingMessage {
  kind: MessageKind;
  /** Whose topic it goes to. */
  partner: string;
  key: string;
  value: string | Buffer;
}

export interface GenerateMessagesOptions {
  registry: AreaRegistry;
  /** Total records, bad ones and re-sent duplicates included. */
  count: number;
  seed: number | string;
  /** Share of deliberately bad records (default 0.01). */
  badShare?: number;
  /** Share of records that re-send an earlier signal's id unchanged (default 0). */
  duplicateShare?: number;
  partners?: readonly Pick<DemoPartner, 'id' | 'sourceKind'>[];
  /** The newest week to fill; default the week before `now`'s. */
  endWeek?: IsoWeek;
  now?: Date;
  /** How far back signals may go: rates are scaled up when the registry is too small for `count` (default 104). */
  maxWeeks?: number;
}

export interface GeneratedMessages {
  messages: OutgoingMessage[];
  /** The distinct valid signals, in send order: the input for `groundTruth`. */
  valid: SignalInput[];
  duplicates: number;
  badByKind: Record<BadKind, number>;
  fromWeek: IsoWeek | null;
  toWeek: IsoWeek;
  /** Factor the base rates were multiplied by to fit `count` into `maxWeeks`. */
  rateScale: number;
}

/**
 * Exactly `count` records, deterministic for (registry, seed, endWeek): real-looking signals from the
 * newest weeks backwards, with bad records and duplicates mixed in at seeded positions. A test can call
 * this to know precisely what `produceCount` sent.
 */
export function generateMessages(opts: GenerateMessagesOptions): GeneratedMessages {
  const count = Math.max(0, Math.floor(opts.count));
  const partners = opts.partners ?? DEMO_PARTNERS;
  const bad = Math.round(count * (opts.badShare ?? 0.01));
  let duplicates = Math.round(count * (opts.duplicateShare ?? 0));
  let validCount = count - bad - duplicates;
  if (validCount <= 0) {
    duplicates = 0;
    validCount = count - bad;
  }
  const toWeek = opts.endWeek ?? addIsoWeeks(isoWeekFromDate(opts.now ?? new Date()), -1);
  const maxWeeks = opts.maxWeeks ?? 104;
  const rateScale = scaleToFit(opts.registry, partners, validCount, maxWeeks);

  // Newest weeks first, so a small count still lands in recent weeks; sent oldest first.
  const weeks: SignalInput[][] = [];
  let collected = 0;
  let fromWeek: IsoWeek | null = null;
  for (let back = 0; collected < validCount; back++) {
    if (back > maxWeeks * 20) throw new Error(`the area registry has too few residents to generate ${validCount} signals`);
    const week = addIsoWeeks(toWeek, -back);
    const signals = generateWeek(opts.registry, week, { seed: opts.seed, partners, rateScale });
    const take = signals.slice(0, validCount - collected);
    if (take.length > 0) fromWeek = week;
    weeks.push(take);
    collected += take.length;
  }
  const valid = weeks.reverse().flat();

  const rng = createRng(opts.seed, 'message-mix', count);
  const knownAreas = new Set(opts.registry.areas.map((a) => a.code));
  const knownPartners = new Set(partners.map((p) => p.id));
  const badByKind = Object.fromEntries(BAD_KINDS.map((k) => [k, 0])) as Record<BadKind, number>;
  const slots = shuffledSlots(rng, validCount, bad, duplicates);
  const messages: OutgoingMessage[] = [];
  let nextValid = 0;
  let badIndex = 0;
  const sentValid: OutgoingMessage[] = [];
  for (const slot of slots) {
    if (slot === 'valid') {
      const signal = valid[nextValid++] as SignalInput;
      const message: OutgoingMessage = {
        kind: 'valid',
        partner: signal.partner,
        key: wijkCodeOf(signal.area),
        value: JSON.stringify(signal),
      };
      messages.push(message);
      sentValid.push(message);
    } else if (slot === 'duplicate') {
      const original = sentValid[randomInt(rng, 0, sentValid.length - 1)] as OutgoingMessage;
      messages.push({ ...original, kind: 'duplicate' });
    } else {
      // Round-robin over the kinds so every kind shows up once there are seven or more bad records.
      const kind = BAD_KINDS[badIndex++ % BAD_KINDS.length] as BadKind;
      // A fresh id: a rejected record must never share its id with a signal that is counted.
      const like = valid[randomInt(rng, 0, valid.length - 1)] ?? fallbackTemplate(opts.registry, partners, toWeek);
      const template = { ...like, id: signalId(rng) };
      messages.push(makeBadMessage(kind, rng, template, { knownAreas, knownPartners }));
      badByKind[kind]++;
    }
  }
  return { messages, valid, duplicates, badByKind, fromWeek, toWeek, rateScale };
}

/** Record kinds in a seeded order; a duplicate never comes before the first valid record. */
function shuffledSlots(rng: ReturnType<typeof createRng>, valid: number, bad: number, duplicates: number): MessageKind[] {
  const slots: MessageKind[] = [
    ...Array<MessageKind>(valid).fill('valid'),
    ...Array<MessageKind>(bad).fill('malformed_json'),
    ...Array<MessageKind>(duplicates).fill('duplicate'),
  ];
  for (let i = slots.length - 1; i > 0; i--) {
    const j = randomInt(rng, 0, i);
    [slots[i], slots[j]] = [slots[j] as MessageKind, slots[i] as MessageKind];
  }
  const firstValid = slots.indexOf('valid');
  if (firstValid > 0) {
    // Move the leading non-valid records behind the first valid one (keeps counts, keeps determinism).
    const head = slots.splice(0, firstValid);
    slots.splice(1, 0, ...head);
  }
  return slots;
}

function scaleToFit(
  registry: AreaRegistry,
  partners: readonly Pick<DemoPartner, 'id' | 'sourceKind'>[],
  validCount: number,
  maxWeeks: number,
): number {
  const kinds = new Set(partners.map((p) => p.sourceKind));
  let perYear = 0;
  for (const area of registry.areas) {
    const byBand = populationByBand(area);
    if (!byBand) continue;
    for (const stream of SIGNAL_STREAMS) if (kinds.has(stream.sourceKind)) perYear += annualExpected(stream, byBand);
  }
  // Messages per expected signal drop below 1 when school registers pre-aggregate; 0.8 leaves room for it.
  const perWeek = (perYear / 52.18) * 0.8;
  if (perWeek <= 0) return 1;
  return Math.max(1, validCount / (perWeek * maxWeeks));
}

/** Only used when there are no valid signals at all (count equals the bad share). */
function fallbackTemplate(
  registry: AreaRegistry,
  partners: readonly Pick<DemoPartner, 'id' | 'sourceKind'>[],
  week: IsoWeek,
): SignalInput {
  const area = registry.areas.find((a) => (a.residents ?? 0) > 0) ?? registry.areas[0];
  const partner = partners.find((p) => p.sourceKind === 'police') ?? partners[0];
  return {
    id: '6f1c2a9e-8b3d-4c7e-9f10-2a4b6c8d0e1f',
    partner: partner?.id ?? 'demo-partner',
    sourceKind: partner?.sourceKind ?? 'social_team',
    theme: 'escalation',
    category: 'other_nuisance',
    area: area?.code ?? 'WK000000',
    areaYear: area?.year ?? 2024,
    week,
    ageBand: 'unknown',
    severity: 'low',
  };
}
