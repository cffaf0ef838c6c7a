import { poissonCdf } from '../epi/poisson-count-limits.ts';
import { binomialUpperTail } from './binomial-upper-tail.ts';
import { WHOLE_STREAM, type DeliveryWeek } from './delivery-figures.ts';
import { addWeeks, deliveryWeekOf } from './delivery-week.ts';
import { explainQualityAlarm } from './explain-quality-alarm.ts';
import type { QualityAlarm } from './quality-alarm.ts';
import type { QualitySettings } from './quality-settings.ts';
import { usualDelivery } from './usual-delivery.ts';

const WEEK_MS = 7 * 86_400_000;

interface Stream {
  partner: string;
  sourceKind: string;
  perWeek: Map<string, number>;
  rejectedPerWeek: Map<string, number>;
  firstWeek: string;
  lastAt: number;
}

/**
 * Judges every partner's delivery at `nowMs` (rules in README.md):
 * - per partner and source kind, `silent` when nothing arrived for longer than the stream's usual rhythm
 *   makes likely by chance, else `low_volume` when the last complete week was far and significantly
 *   below usual (quasi-Poisson);
 * - per partner, `rejections_up` when the last complete week's rejection share jumped (binomial).
 */
export function judgeDeliveries(weeks: readonly DeliveryWeek[], nowMs: number, settings: QualitySettings): QualityAlarm[] {
  const judged = addWeeks(deliveryWeekOf(nowMs), -1);
  const alarms: QualityAlarm[] = [];
  const { kinds, partners } = streamsOf(weeks);
  for (const s of kinds.values()) {
    const alarm = silence(s, nowMs, settings) ?? lowVolume(s, judged, settings);
    if (alarm) alarms.push(alarm);
  }
  for (const s of partners.values()) {
    const alarm = rejectionsUp(s, judged, settings);
    if (alarm) alarms.push(alarm);
  }
  return alarms.sort((a, b) => a.partner.localeCompare(b.partner) || a.sourceKind.localeCompare(b.sourceKind));
}

/**
 * Silent: the chance that a Poisson stream at its usual weekly rate delivers nothing for a time t is
 * e^(−rate·t); past t = ln(1/α) / rate that is below α. Clamped between the floor (a busy stream's quiet
 * night is not an alarm) and the ceiling (a stream that delivers weekly is silent after that long anyway).
 * The usual rate is learned from the weeks before the week of the last delivery, so the alarm holds
 * while the silence lasts instead of fading as the silent weeks enter the baseline.
 */
function silence(s: Stream, nowMs: number, settings: QualitySettings): QualityAlarm | null {
  const usual = usualDelivery(s.perWeek, s.firstWeek, deliveryWeekOf(s.lastAt), settings);
  if (!usual) return null;
  const rhythm = (Math.log(1 / settings.alpha) * WEEK_MS) / usual.weekly;
  const silentAfterMs = Math.round(Math.min(settings.silentCeilingMs, Math.max(settings.silentFloorMs, rhythm)));
  if (nowMs - s.lastAt <= silentAfterMs) return null;
  return withWhy({
    partner: s.partner,
    sourceKind: s.sourceKind,
    kind: 'silent',
    week: deliveryWeekOf(nowMs),
    usual: usual.weekly,
    observed: null,
    pValue: null,
    lastDeliveryAt: s.lastAt,
    silentAfterMs,
  });
}

/**
 * Low volume: the judged week's count x against the usual μ with the baseline's dispersion φ, as
 * P(X ≤ x/φ) for X ~ Poisson(μ/φ) (the quasi-Poisson scaling). Both that tail below α and x below
 * `lowVolumeRatio`·μ: a small stream's empty week is not significant, a large one's 10 % dip is not far.
 */
function lowVolume(s: Stream, judged: string, settings: QualitySettings): QualityAlarm | null {
  const usual = usualDelivery(s.perWeek, s.firstWeek, judged, settings);
  if (!usual) return null;
  const observed = s.perWeek.get(judged) ?? 0;
  if (observed >= settings.lowVolumeRatio * usual.weekly) return null;
  const pValue = poissonCdf(observed / usual.dispersion, usual.weekly / usual.dispersion);
  if (pValue >= settings.alpha) return null;
  return withWhy({
    partner: s.partner,
    sourceKind: s.sourceKind,
    kind: 'low_volume',
    week: judged,
    usual: usual.weekly,
    observed,
    pValue,
    lastDeliveryAt: null,
    silentAfterMs: null,
  });
}

/**
 * Rejections up: the usual share p₀ is pooled over the baseline weeks ((R + ½)/(N + 1), so a partner
 * that never had a rejection does not make the first one infinitely surprising); the judged week's r of
 * n against Binomial(n, p₀), with the share at least `rejectionJump` above p₀.
 */
function rejectionsUp(s: Stream, judged: string, settings: QualitySettings): QualityAlarm | null {
  const usual = usualDelivery(s.perWeek, s.firstWeek, judged, settings);
  if (!usual) return null;
  let baseRejected = 0;
  let baseTotal = 0;
  for (let i = usual.baseline.length; i >= 1; i--) {
    const week = addWeeks(judged, -i);
    baseRejected += s.rejectedPerWeek.get(week) ?? 0;
    baseTotal += s.perWeek.get(week) ?? 0;
  }
  const n = s.perWeek.get(judged) ?? 0;
  const r = s.rejectedPerWeek.get(judged) ?? 0;
  if (n === 0) return null;
  const usualShare = (baseRejected + 0.5) / (baseTotal + 1);
  const share = r / n;
  if (share < usualShare + settings.rejectionJump) return null;
  const pValue = binomialUpperTail(r, n, usualShare);
  if (pValue >= settings.alpha) return null;
  return withWhy({
    partner: s.partner,
    sourceKind: WHOLE_STREAM,
    kind: 'rejections_up',
    week: judged,
    usual: usualShare,
    observed: share,
    pValue,
    lastDeliveryAt: null,
    silentAfterMs: null,
    rejected: r,
    total: n,
  });
}

function withWhy(a: Omit<QualityAlarm, 'why'> & { rejected?: number; total?: number }): QualityAlarm {
  const { rejected: _r, total: _t, ...alarm } = a;
  return { ...alarm, why: explainQualityAlarm(a) };
}

/**
 * Per partner and source kind the accepted signals (rejections are kept under '' and not counted there);
 * per partner all messages, accepted and rejected, for the rejection share.
 */
function streamsOf(weeks: readonly DeliveryWeek[]): { kinds: Map<string, Stream>; partners: Map<string, Stream> } {
  const kinds = new Map<string, Stream>();
  const partners = new Map<string, Stream>();
  const add = (map: Map<string, Stream>, key: string, partner: string, sourceKind: string, w: DeliveryWeek, n: number) => {
    let s = map.get(key);
    if (!s)
      map.set(
        key,
        (s = { partner, sourceKind, perWeek: new Map(), rejectedPerWeek: new Map(), firstWeek: w.week, lastAt: w.lastAt }),
      );
    s.perWeek.set(w.week, (s.perWeek.get(w.week) ?? 0) + n);
    s.rejectedPerWeek.set(w.week, (s.rejectedPerWeek.get(w.week) ?? 0) + w.rejected);
    if (w.week < s.firstWeek) s.firstWeek = w.week;
    if (w.lastAt > s.lastAt) s.lastAt = w.lastAt;
  };
  for (const w of weeks) {
    if (w.sourceKind !== WHOLE_STREAM && w.accepted > 0)
      add(kinds, `${w.partner}|${w.sourceKind}`, w.partner, w.sourceKind, { ...w, rejected: 0 }, w.accepted);
    if (w.accepted + w.rejected > 0) add(partners, w.partner, w.partner, WHOLE_STREAM, w, w.accepted + w.rejected);
  }
  return { kinds, partners };
}
