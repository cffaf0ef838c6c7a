/**
 * The knobs of the data-quality rules. The defaults are what the pipeline runs with unless its
 * configuration says otherwise (`QUALITY_*` in pipelines/config.ts); the rules are in README.md.
 */
export interface QualitySettings {
  /** Complete delivery weeks the usual figures are learned from (before the week that is judged). */
  baselineWeeks: number;
  /** Fewest baseline weeks since the stream's first delivery before anything is judged. */
  minHistoryWeeks: number;
  /** One-sided significance of the volume and rejection tests, and the silence rule's P(nothing by chance). */
  alpha: number;
  /** A week is "far below usual" only below this share of the usual volume as well as significantly. */
  lowVolumeRatio: number;
  /** A rejection share counts as jumped only this much above the usual share (absolute) as well as significantly. */
  rejectionJump: number;
  /** A stream is never called silent sooner than this after its last delivery (ms). */
  silentFloorMs: number;
  /** ... and always once this long has passed, whatever its rhythm (ms). */
  silentCeilingMs: number;
  /** A wijk counts as one a stream usually delivers for when it had deliveries in this many baseline weeks. */
  usualWijkWeeks: number;
}

export const DEFAULT_QUALITY_SETTINGS: QualitySettings = {
  baselineWeeks: 8,
  minHistoryWeeks: 4,
  alpha: 0.001,
  lowVolumeRatio: 0.5,
  rejectionJump: 0.1,
  silentFloorMs: 6 * 3_600_000,
  silentCeilingMs: 8 * 86_400_000,
  usualWijkWeeks: 2,
};

/**
 * How many delivery weeks before a stream's newest one the rules can read: the baseline before the week
 * judged, which is at most one week after the newest delivery's (the last complete week), and one week of
 * margin. Older delivery figures change no judgement and are pruned.
 */
export function deliveryWeeksRead(settings: QualitySettings): number {
  return settings.baselineWeeks + 2;
}
