/** Why a partner's delivery looks wrong. */
export const QUALITY_ALARM_KINDS = ['silent', 'low_volume', 'rejections_up'] as const;
export type QualityAlarmKind = (typeof QUALITY_ALARM_KINDS)[number];

/** Kinds that mean fewer signals reach the cube: the wijken the stream covers are marked. */
export const FEWER_SIGNALS_KINDS: ReadonlySet<QualityAlarmKind> = new Set(['silent', 'low_volume']);

/** One data-quality alarm: a partner's stream, what is wrong, the figures it was judged on and why in words. */
export interface QualityAlarm {
  partner: string;
  /** The source kind of the stream; '' for rejections, judged on the partner's delivery as a whole. */
  sourceKind: string;
  kind: QualityAlarmKind;
  /** The delivery week judged (its Monday): the last complete one, or for silence the current one. */
  week: string;
  /** Usual weekly signals (silent, low_volume) or the usual rejection share (rejections_up). */
  usual: number;
  /** The judged week's signals or rejection share; null for silence (nothing arrived). */
  observed: number | null;
  /** One-sided p-value of the test; null for silence, which is judged on time. */
  pValue: number | null;
  /** Newest message timestamp of the stream (ms), for silence. */
  lastDeliveryAt: number | null;
  /** How long without deliveries counts as silent for this stream (ms), for silence. */
  silentAfterMs: number | null;
  why: { nl: string; en: string };
}
