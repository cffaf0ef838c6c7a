import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { addIsoWeeks, isoWeekFromDate, mondayOfIsoWeek, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { SignalInput } from '@wijksignaal/contracts/signal';
import { BAD_KINDS, makeBadMessage, type BadMessageContext } from './bad-messages.ts';
import { DEMO_PARTNERS, type DemoPartner } from './demo-partners.ts';
import { generateWeek } from './generate-week.ts';
import { listOutbreaks } from './outbreaks.ts';
import { createRng, randomInt, type Rng } from './prng.ts';
import type { RawRecord, SignalProducer } from './producer.ts';
import { signalId } from './signal-id.ts';
import { sleep } from './token-bucket.ts';
import { wijkCodeOf } from './wijk-key.ts';

export interface DemoStreamOptions {
  registry: AreaRegistry;
  producer: SignalProducer;
  seed: number | string;
  /** Years of history sent first, as fast as possible (default 3). */
  historyYears?: number;
  /** Pause between live sends (default 5000 ms). */
  liveIntervalMs?: number;
  /** Share of deliberately bad records mixed in (default 0.002), so the DLQ view has something to show. */
  badShare?: number;
  partners?: readonly Pick<DemoPartner, 'id' | 'sourceKind'>[];
  now?: () => Date;
  signal: AbortSignal;
  log?: (line: string) => void;
}

export interface DemoStreamResult {
  backfilled: number;
  live: number;
}

const WEEK_MS = 7 * 86_400_000;
const BACKFILL_CHUNK = 50_000;

/**
 * The demo's partners: the past `historyYears` of weeks sent at full speed, then the current week's
 * signals trickled out as the week progresses (at least one per tick) until the signal aborts. Every
 * week is generated from the seed, so a restart re-sends the same ids and the pipeline counts them once.
 */
export async function runDemoStream(opts: DemoStreamOptions): Promise<DemoStreamResult> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => undefined);
  const partners = opts.partners ?? DEMO_PARTNERS;
  const badShare = opts.badShare ?? 0.002;
  const ctx: BadMessageContext = {
    knownAreas: new Set(opts.registry.areas.map((a) => a.code)),
    knownPartners: new Set(partners.map((p) => p.id)),
  };

  const current = isoWeekFromDate(now());
  const first = addIsoWeeks(current, -Math.round((opts.historyYears ?? 3) * 52.18));
  const outbreaks = listOutbreaks(opts.registry, opts.seed, first, current);
  log(
    `backfill ${first} to ${addIsoWeeks(current, -1)}; injected outbreaks: ${outbreaks.map((o) => `${o.area} ${o.theme} ${o.startWeek} ×${o.multiplier.toFixed(1)} for ${o.weeks} wk`).join('; ') || 'none'}`,
  );

  let backfilled = 0;
  let pending: RawRecord[] = [];
  for (let week = first; week !== current && !opts.signal.aborted; week = addIsoWeeks(week, 1)) {
    const rng = createRng(opts.seed, 'demo-bad', week);
    pending.push(...withBadRecords(generateWeek(opts.registry, week, { seed: opts.seed, partners }), rng, badShare, ctx));
    if (pending.length >= BACKFILL_CHUNK) {
      backfilled += await sendPatiently(opts, pending, log);
      log(`backfill: ${backfilled} records up to ${week}`);
      pending = [];
    }
  }
  if (pending.length > 0 && !opts.signal.aborted) {
    backfilled += await sendPatiently(opts, pending, log);
  }
  log(`backfill done: ${backfilled} records; now streaming ${current} live`);

  let live = 0;
  let week = current;
  let plan = livePlan(opts, week, partners, badShare, ctx);
  let sentIndex = 0;
  while (!opts.signal.aborted) {
    const t = now();
    const nowWeek = isoWeekFromDate(t);
    let upTo: number;
    if (nowWeek !== week) {
      upTo = plan.length; // finish the week that just ended, then move on
    } else {
      const elapsed = (t.getTime() - mondayOfIsoWeek(week).getTime()) / WEEK_MS;
      upTo = Math.min(plan.length, Math.max(Math.floor(plan.length * elapsed), sentIndex + 1));
    }
    if (upTo > sentIndex) {
      const sent = await sendPatiently(opts, plan.slice(sentIndex, upTo), log);
      live += sent;
      sentIndex += sent;
    }
    if (nowWeek !== week) {
      week = nowWeek;
      plan = livePlan(opts, week, partners, badShare, ctx);
      sentIndex = 0;
      log(`live: new week ${week}, ${plan.length} records planned`);
      continue;
    }
    await sleep(opts.liveIntervalMs ?? 5000, opts.signal);
  }
  return { backfilled, live };
}

const RETRY_MS = 5000;

/**
 * The demo keeps running through a broker restart: a failed send is retried with the same records until
 * it succeeds or the demo stops. Re-sent records carry the same ids, so nothing is counted twice.
 */
async function sendPatiently(opts: DemoStreamOptions, records: RawRecord[], log: (line: string) => void): Promise<number> {
  let done = 0;
  for (;;) {
    let acknowledged = 0;
    try {
      await opts.producer.send(records.slice(done), { signal: opts.signal, onProgress: (n) => (acknowledged = n) });
      return done + acknowledged;
    } catch (error) {
      // Requests acknowledged before the failure are not sent again.
      done += acknowledged;
      if (opts.signal.aborted) return done;
      log(
        `sending failed (${(error instanceof Error ? error.message : String(error)).split('\n')[0]}); retrying in ${RETRY_MS / 1000} s`,
      );
      await sleep(RETRY_MS, opts.signal);
      if (opts.signal.aborted) return done;
    }
  }
}

/** The week's records in a seeded random order, so the trickle spreads over all wijken and themes. */
function livePlan(
  opts: DemoStreamOptions,
  week: IsoWeek,
  partners: readonly Pick<DemoPartner, 'id' | 'sourceKind'>[],
  badShare: number,
  ctx: BadMessageContext,
): RawRecord[] {
  const rng = createRng(opts.seed, 'demo-live', week);
  const records = withBadRecords(generateWeek(opts.registry, week, { seed: opts.seed, partners }), rng, badShare, ctx);
  for (let i = records.length - 1; i > 0; i--) {
    const j = randomInt(rng, 0, i);
    [records[i], records[j]] = [records[j] as RawRecord, records[i] as RawRecord];
  }
  return records;
}

function withBadRecords(signals: readonly SignalInput[], rng: Rng, badShare: number, ctx: BadMessageContext): RawRecord[] {
  const out: RawRecord[] = [];
  for (const signal of signals) {
    out.push({ partner: signal.partner, key: wijkCodeOf(signal.area), value: JSON.stringify(signal) });
    if (badShare > 0 && rng.next() < badShare) {
      const kind = BAD_KINDS[randomInt(rng, 0, BAD_KINDS.length - 1)] ?? 'malformed_json';
      const bad = makeBadMessage(kind, rng, { ...signal, id: signalId(rng) }, ctx);
      out.push({ partner: bad.partner, key: bad.key, value: bad.value });
    }
  }
  return out;
}
